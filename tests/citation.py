#!/usr/bin/python3
"""citation.py SRC - CITATION.cff is a Citation File Format 1.2.0 file: the keys CFF
requires (cff-version, message, title, authors), each author a person (family-names or
given-names) or an entity (name), known key names only, an ISO date, an SPDX licence
that matches LICENSE. The version is checked against project() by version.sh."""
import datetime
import re
import sys

import yaml

KEYS = {"abstract", "authors", "cff-version", "commit", "contact", "date-released",
        "doi", "identifiers", "keywords", "license", "license-url", "message",
        "preferred-citation", "references", "repository", "repository-artifact",
        "repository-code", "title", "type", "url", "version"}
REQUIRED = ("cff-version", "message", "title", "authors")


def problems(cff, license_text):
    for key in REQUIRED:
        if key not in cff:
            yield f"{key}: required"
    for key in sorted(set(cff) - KEYS):
        yield f"{key}: not a CFF 1.2.0 key"
    if cff.get("cff-version") != "1.2.0":
        yield f"cff-version = {cff.get('cff-version')!r}, want '1.2.0'"
    authors = cff.get("authors") or []
    if not isinstance(authors, list) or not authors:
        yield "authors: a non-empty list"
    for i, a in enumerate(authors if isinstance(authors, list) else []):
        if not isinstance(a, dict) or not ({"name", "family-names", "given-names"} & set(a)):
            yield f"authors[{i}]: needs name (entity) or family-names/given-names (person)"
    if cff.get("type", "software") not in ("software", "dataset"):
        yield f"type = {cff['type']!r}: software or dataset"
    date = str(cff.get("date-released", "2000-01-01"))
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        yield f"date-released = {date!r}: not YYYY-MM-DD"
    else:
        datetime.date.fromisoformat(date)
    if cff.get("license") == "GPL-3.0-or-later":
        if "GNU GENERAL PUBLIC LICENSE" not in license_text or "Version 3" not in license_text:
            yield "license GPL-3.0-or-later, but LICENSE is not the GPL version 3"
    else:
        yield f"license = {cff.get('license')!r}, LICENSE holds GPL-3.0-or-later"


def main():
    src = sys.argv[1]
    with open(f"{src}/CITATION.cff", encoding="utf-8") as f:
        cff = yaml.safe_load(f)
    with open(f"{src}/LICENSE", encoding="utf-8") as f:
        license_text = f.read()
    found = list(problems(cff, license_text))
    for p in found:
        print(f"CITATION.cff: {p}")
    if not found:
        print(f"CITATION.cff: valid CFF 1.2.0 ({len(cff)} keys), licence {cff['license']}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
