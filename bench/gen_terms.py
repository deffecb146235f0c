#!/usr/bin/env python3
"""Writes a realistic list of an organisation's own terms, one per line, for the term-set
benchmark (bench/terms.sh): employee names, customer and supplier names, code names, product
names and internal project ids, as a company's lists mix them. Deterministic (fixed seed).

Some entries are ordinary words that real text uses ("Atlas", "Phoenix", "Mercury"): real
code-name lists have them, and they are what makes a term list cost something at scan time.

  gen_terms.py [COUNT] > terms.txt      (COUNT defaults to 100000)
"""

import random
import sys

FIRST = """Aaliyah Abdul Ada Adrian Agnieszka Ahmed Aiko Alejandro Alessia Alexei Amara Amelie Ana
Anders Andrea Aneta Anja Anton Aria Arjun Astrid Aylin Bao Beatriz Benedikt Bianca Birgit Bjorn
Bruno Camille Carlos Carmen Catalina Chen Chiara Chloe Colm Cosmin Dagny Daniel Dario Dev Diego
Dmitri Elif Elena Elias Emeka Emil Emma Enzo Eszter Fatima Felix Femi Fiona Florin Freya Gaspard
Giulia Goran Greta Hana Hannes Haruto Helga Hugo Ibrahim Ilse Imani Ines Ingrid Ioana Isabel Ivan
Jakub Jana Javier Jelena Jin Joao Jonas Jorge Julia Kai Kamala Karim Katarzyna Kenji Kofi Lars
Leila Lena Leon Liam Lina Lorenzo Luca Lucia Magnus Maja Malik Marek Mariana Marta Mateo Mei Mika
Milan Mira Mohammed Nadia Nikolai Nils Noor Olga Omar Oskar Paola Pedro Petra Priya Quentin Rafael
Rania Rohan Rosa Ruben Saanvi Sakura Samir Sander Sara Selin Sergei Siobhan Sofia Soren Stefan
Tariq Tereza Theo Tomas Uma Valentina Viktor Vivek Wanjiru Wei Wiktor Xavier Yara Yusuf Zofia""".split()

LAST = """Abara Achterberg Adeyemi Albrecht Alcantara Andersson Arslan Auclair Baptiste Barros
Bergstrom Bianchi Blomqvist Boateng Bogdan Brennan Castellano Cerny Chaudhry Ciobanu Dahl Dimitrov
Domingues Dubois Eklund Esposito Fagerlund Falk Ferreira Fitzgerald Fontaine Galvan Gashi Grabowski
Haddad Halvorsen Hartmann Horvath Ibarra Ishikawa Iversen Jankowski Jovanovic Kaminski Karlsson
Kavanagh Keller Kovacs Kowalczyk Kuznetsova Laine Lambert Lindqvist Lombardi Lundgren Mahlangu
Marchetti Markovic Mendes Moreau Mwangi Nakamura Nascimento Navarro Nieminen Novak Nowicki Obi
Okafor Olsen Ortega Ozturk Pacheco Papadopoulos Pereira Petrovic Pham Pires Popescu Quintero
Rahman Ramos Rasmussen Reyes Ricci Rossi Rusu Sandoval Santoro Schaefer Schmid Sepulveda Silva
Sokolov Stavros Szabo Takahashi Tanaka Tavares Teixeira Thorsen Toivonen Urbanek Varga Vasquez
Vella Virtanen Vogel Volkov Wagner Wieczorek Wojcik Xu Yamamoto Yilmaz Zanetti Zielinski Zoric""".split()

ADJECTIVES = """Amber Arctic Ashen Azure Bold Bright Broken Calm Crimson Crystal Dark Distant Dusky
Electric Emerald Fallen Fierce Frozen Gentle Gilded Golden Hidden Hollow Iron Ivory Jade Last
Lone Lunar Midnight Misty Molten Noble Obsidian Pale Quiet Rapid Rising Rust Sable Scarlet Secret
Shadow Silent Silver Solar Stark Steel Stone Storm Swift Thunder Twilight Velvet Wild Winter""".split()

NOUNS = """Albatross Anvil Badger Beacon Bison Bramble Canyon Cedar Citadel Comet Condor Coyote
Cypress Delta Dune Eagle Ember Falcon Fjord Forge Fox Glacier Harbor Hawk Heron Horizon Ibis Jaguar
Kestrel Lantern Lynx Meadow Mesa Monsoon Nomad Oak Orca Osprey Otter Panther Pelican Pine Prairie
Quarry Raven Reef Ridge River Sparrow Summit Tern Tiger Tundra Viper Willow Wolf Wren Yak""".split()

# Single-word code names that are also ordinary words or common names in real text.
COMMON = """Atlas Phoenix Mercury Apollo Orion Titan Aurora Nebula Zephyr Cobalt Falcon Hermes
Neptune Pegasus Polaris Vega Andromeda Gemini Helios Hydra Kraken Nova Odyssey Pulsar Quasar Sirius
Triton Vulcan Echo Nimbus Cascade Everest Granite Keystone Lighthouse Meridian Monarch Pinnacle
Sequoia Spectrum Trident Vanguard Voyager Zenith Catalyst Compass Fusion Genesis Harmony Insight
Jupiter Lotus Matrix Momentum Oasis Paragon Pioneer Radiant Sentinel Summit Synergy Tempest""".split()

SYLLABLES = """bel bri cal dor el fen gar hal ith kor lan mir nor ost par quin ral sen tar vel wick
zan ash bryn cor dun fal glen hol ivy jor kel lorn mar ness orin pell rith stow thorn ulm vor wyn
""".split()

COMPANY_WORDS = """Logistics Bank Capital Holdings Systems Partners Labs Analytics Freight Foods
Energy Pharma Insurance Consulting Robotics Textiles Mining Airlines Shipping Telecom Retail
Health Ventures Solutions Dynamics Instruments Materials Chemicals Foundry Networks""".split()

COMPANY_SUFFIXES = ["", "", "", " GmbH", " AG", " Ltd", " Inc.", " S.A.", " B.V.", " SpA", " Oy"]

PROJECT_PREFIXES = """PRJ OPS FIN HR MKT ENG SEC DATA INFRA LEGAL SALES CX RND QA""".split()

PRODUCT_TIERS = ["Pro", "Max", "Edge", "Lite", "Plus", "Cloud", "One", "X", "Studio", "Core"]


def invented(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def term(rng: random.Random, kind: int) -> str:
    if kind < 28:  # employees
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    if kind < 50:  # customers and suppliers
        return f"{invented(rng)} {rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_SUFFIXES)}"
    if kind < 70:  # code names
        if rng.random() < 0.5:
            return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}"
        return invented(rng)
    if kind < 85:  # internal project and ticket ids
        return f"{rng.choice(PROJECT_PREFIXES)}-{rng.randint(1000, 99999)}"
    # unreleased products
    return f"{invented(rng)} {rng.choice(PRODUCT_TIERS)}{rng.choice(['', '', ' 2', ' 7', ' 360'])}"


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100000
    rng = random.Random(20261129)
    seen = set()
    out = []
    for word in COMMON:
        seen.add(word.lower())
        out.append(word)
    while len(out) < count:
        t = term(rng, rng.randrange(100))
        if t.lower() not in seen:
            seen.add(t.lower())
            out.append(t)
    rng.shuffle(out)
    sys.stdout.write("# generated by bench/gen_terms.py\n" + "\n".join(out[:count]) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
