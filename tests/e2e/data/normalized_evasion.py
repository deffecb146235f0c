# Values spelled to dodge a scanner: full-width forms, zero-width characters, no-break spaces,
# en dashes, a Cyrillic 'о' in a domain. Written with escapes so the bytes are unambiguous.
import sys

text = (
    "contact: \uff4a\uff4f\uff48\uff4e\uff20\uff41\uff43\uff4d\uff45\uff0e\uff43\uff4f\uff4d\n"
    "aws key AKIA\u200bQ3EGRHTQ\u200dZLWYXV7N in the config\n"
    "card 4539\u20131488\u20130343\u20136467, iban DE89\u00a03704\u00a00044\u00a00532\u00a00130\u00a000\n"
    "mail jane.doe@example.c\u043em or plain bob@example.org\n"
    "\u0441\u043e\u0440\u043e\u043a \u0440\u0443\u0431\u043b\u0435\u0439 stays Russian\n"
)
sys.stdout.buffer.write(text.encode("utf-8"))
