#!/usr/bin/env python3
"""Runs `promptlint --format sarif` on several inputs and checks every document against the
official SARIF 2.1.0 JSON schema (with URI formats checked), then checks what the schema cannot
say: rule indexes point at the right rules, levels follow severities, regions and fingerprints
match the JSON report, and no value is shown in full without --show-secrets.

  validate_sarif.py --binary build/promptlint --schema ../shared/schemas/sarif-2.1.0.json

Fails (never skips) when the schema or Python's jsonschema module is missing.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORE = ["--no-builtin", "--patterns", str(HERE / "packs" / "core.json")]
LEVELS = {"critical": "error", "high": "error", "medium": "warning", "low": "note", "info": "note"}
FINGERPRINT_KEY = "promptlintFingerprint/v1"

# RFC 3986: a URI reference uses only these characters, '%' only before two hex digits.
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/?#\[\]]|%[0-9A-Fa-f]{2})*$")
URI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


class Failure(Exception):
    pass


def load_validator(schema_path: Path):
    try:
        import jsonschema
    except ImportError:
        raise Failure(
            "Python's jsonschema module is missing: install python3-jsonschema (scripts/setup.sh)"
        )
    if not schema_path.is_file():
        raise Failure(
            f"SARIF schema not found at {schema_path}: the repository must sit next to a copy "
            "of shared/ (shared/schemas/sarif-2.1.0.json), see docs/ci.md"
        )
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator.check_schema(schema)
    checker = jsonschema.FormatChecker()

    # jsonschema checks "uri" only when optional packages are installed: check it ourselves.
    @checker.checks("uri-reference", raises=())
    def is_uri_reference(value):
        return not isinstance(value, str) or bool(URI_REFERENCE.match(value))

    @checker.checks("uri", raises=())
    def is_uri(value):
        return not isinstance(value, str) or (
            bool(URI_REFERENCE.match(value)) and bool(URI_SCHEME.match(value))
        )

    return jsonschema.Draft4Validator(schema, format_checker=checker)


def run(binary: Path, args: list[str], cwd: Path, stdin: bytes = b"", env=None):
    proc = subprocess.run(
        [str(binary), *args], cwd=cwd, input=stdin, capture_output=True, timeout=300, env=env
    )
    return proc.returncode, proc.stdout, proc.stderr


def check_document(validator, name: str, doc: dict, json_report: dict,
                   show_secrets: bool) -> None:
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    if errors:
        details = "\n".join(
            f"  at /{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors[:20]
        )
        raise Failure(f"{name}: {len(errors)} schema violation(s):\n{details}")
    if doc.get("version") != "2.1.0" or len(doc.get("runs", [])) != 1:
        raise Failure(f"{name}: expected one SARIF 2.1.0 run")
    run_ = doc["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    for rule in rules:
        want = LEVELS[rule["properties"]["severity"]]
        if rule["defaultConfiguration"]["level"] != want:
            raise Failure(f"{name}: rule {rule['id']} has level "
                          f"{rule['defaultConfiguration']['level']}, expected {want}")
        if not rule.get("help", {}).get("text"):
            raise Failure(f"{name}: rule {rule['id']} has no help text")
    results = run_["results"]
    findings = json_report["findings"]
    if len(results) != len(findings):
        raise Failure(f"{name}: {len(results)} results, but the JSON report has {len(findings)}")
    for result, finding in zip(results, findings):
        where = f"{name}: result for {finding['rule_id']} at {finding['line']}"
        index = result["ruleIndex"]
        if not 0 <= index < len(rules) or rules[index]["id"] != result["ruleId"]:
            raise Failure(f"{where}: ruleIndex {index} does not point at {result['ruleId']}")
        if result["ruleId"] != finding["rule_id"]:
            raise Failure(f"{where}: ruleId {result['ruleId']}")
        if result["level"] != LEVELS[finding["severity"]]:
            raise Failure(f"{where}: level {result['level']} for {finding['severity']}")
        region = result["locations"][0]["physicalLocation"]["region"]
        got = (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"])
        want = (finding["line"], finding["column"], finding["end_line"], finding["end_column"])
        if got != want:
            raise Failure(f"{where}: region {got}, the JSON report says {want}")
        if result["partialFingerprints"].get(FINGERPRINT_KEY) != finding["fingerprint"]:
            raise Failure(f"{where}: partialFingerprints {result['partialFingerprints']}")
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        if finding["path"] == "-" and uri != "stdin":
            raise Failure(f"{where}: stdin reported as {uri!r}")
    ok = json_report["errors"] == []
    if run_["invocations"][0]["executionSuccessful"] != ok:
        raise Failure(f"{name}: executionSuccessful should be {ok}")
    notes = run_["invocations"][0].get("toolExecutionNotifications", [])
    if len(notes) != len(json_report["errors"]):
        raise Failure(f"{name}: {len(notes)} notifications for {len(json_report['errors'])} errors")
    # Every value in full (from the JSON report with --show-secrets) must be absent, except
    # from the rules' own descriptions, which may name what they look for ("CONFIDENTIAL").
    reported = json.dumps({k: v for k, v in run_.items() if k != "tool"}, ensure_ascii=False)
    for value in json_report["values"]:
        shown = json.dumps(value, ensure_ascii=False)[1:-1] in reported
        if shown != show_secrets:
            raise Failure(f"{name}: a value is {'' if shown else 'not '}printed in full "
                          f"{'without' if not show_secrets else 'with'} --show-secrets")


def scenario(binary: Path, validator, name: str, args: list[str], cwd: Path, stdin: bytes = b"",
             show_secrets: bool = False) -> None:
    extra = ["--show-secrets"] if show_secrets else []
    rc, out, err = run(binary, [*args, *extra, "--format", "sarif"], cwd, stdin)
    if rc not in (0, 1, 3):
        raise Failure(f"{name}: exit {rc}: {err.decode(errors='replace')}")
    try:
        doc = json.loads(out)
    except json.JSONDecodeError as e:
        raise Failure(f"{name}: not JSON: {e}")
    rc_json, out_json, _ = run(binary, [*args, "--format", "json", "--show-secrets"], cwd, stdin)
    if rc_json != rc:
        raise Failure(f"{name}: exit {rc} with SARIF but {rc_json} with JSON")
    report = json.loads(out_json)
    report["values"] = [f["preview"] for f in report["findings"]]
    _, masked_json, _ = run(binary, [*args, "--format", "json"], cwd, stdin)
    report["findings"] = json.loads(masked_json)["findings"]
    check_document(validator, name, doc, report, show_secrets)
    print(f"ok: {name} ({len(doc['runs'][0]['results'])} results, exit {rc})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--binary", required=True, type=Path)
    parser.add_argument("--schema", required=True, type=Path)
    opts = parser.parse_args()
    binary = opts.binary.resolve()
    try:
        validator = load_validator(opts.schema)
        mixed = (HERE / "data" / "mixed.txt").read_bytes()
        with tempfile.TemporaryDirectory(prefix="promptlint-sarif-") as tmp:
            os.environ["XDG_CACHE_HOME"] = tmp
            scenario(binary, validator, "core pack on files", [
                *CORE, "data/mixed.txt", "data/memo.txt", "data/clean.txt"], HERE)
            scenario(binary, validator, "core pack, --show-secrets",
                     [*CORE, "data/mixed.txt"], HERE, show_secrets=True)
            scenario(binary, validator, "clean input", [*CORE, "data/clean.txt"], HERE)
            scenario(binary, validator, "stdin and an unreadable input",
                     [*CORE, "-", "data/nope.txt"], HERE, stdin=mixed)
            # Suppressed findings, listed on request, carry SARIF suppressions.
            rc, out, err = run(binary, [*CORE, "--show-suppressed", "--format", "sarif",
                                        "data/suppressed.txt"], HERE, b"")
            doc = json.loads(out)
            errors = list(validator.iter_errors(doc))
            if errors:
                raise Failure(f"--show-suppressed: schema: {errors[0].message}")
            kinds = [r["suppressions"][0]["kind"] for r in doc["runs"][0]["results"]
                     if "suppressions" in r]
            if kinds != ["inSource"] * 3 or doc["runs"][0]["properties"]["findingsSuppressed"] != 3:
                raise Failure(f"--show-suppressed: expected 3 in-source suppressions, got {kinds}")
            print("ok: --show-suppressed lists suppressed results with SARIF suppressions")
            scenario(binary, validator, "built-in packs on examples/",
                     [str(HERE.parent.parent / "examples")], HERE)
            # Names that need percent-encoding, including bytes that are not UTF-8.
            odd = Path(tmp) / "odd"
            (odd / "sub dir").mkdir(parents=True)
            for name in (b"a b%#?.txt", b"x,y:z.txt", b"caf\xc3\xa9.txt", b"bad\xff.txt"):
                (odd / "sub dir" / os.fsdecode(name)).write_bytes(mixed)
            scenario(binary, validator, "paths that need percent-encoding", [*CORE, "."], odd)
    except Failure as e:
        print(f"FAIL: {e}")
        return 1
    print("SARIF output validates against the SARIF 2.1.0 schema")
    return 0


if __name__ == "__main__":
    sys.exit(main())
