"""Validates every file of kepu's JSON API in an output folder against its schema.

Usage: validate.py SCHEMA_DIR OUTPUT_DIR. Checks OUTPUT_DIR/api/events.json and each
api/events/YYYY-MM.json against events.schema.json, api/news.json against
news.schema.json, feed.json against feed.schema.json (JSON Feed 1.1), with the
`jsonschema` package (Draft 2020-12; each schema is checked first). Prints one line
per file, `valid PATH` or `invalid PATH: where: why`, and exits 1 if any is invalid
or an API file has no schema.
"""

import json
import pathlib
import sys

import jsonschema


def schema_for(rel):
    if rel == "feed.json":
        return "feed.schema.json"
    if rel == "api/news.json":
        return "news.schema.json"
    if rel == "api/events.json" or (rel.startswith("api/events/") and rel.endswith(".json")):
        return "events.schema.json"
    return None


def main():
    schemas, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    validators = {}
    for path in schemas.glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[path.name] = jsonschema.Draft202012Validator(schema)
    files = sorted(out.glob("api/**/*.json")) + sorted(out.glob("feed.json"))
    bad = 0
    for path in files:
        rel = path.relative_to(out).as_posix()
        name = schema_for(rel)
        if name is None:
            print(f"invalid {rel}: no schema for this file")
            bad += 1
            continue
        doc = json.loads(path.read_text(encoding="utf-8"))
        errors = sorted(validators[name].iter_errors(doc), key=lambda e: list(e.path))
        for e in errors:
            where = "/".join(str(p) for p in e.absolute_path)
            print(f"invalid {rel}: /{where}: {e.message}")
        if errors:
            bad += 1
        else:
            print(f"valid {rel}")
    sys.exit(1 if bad else 0)


main()
