#!/usr/bin/python3
"""world_fields.py SRC - every member of struct ps_world (sim/world/world_impl.h) is a
row of the field list (sim/world/world_fields.h) or named in its "Not in the list"
paragraph, so that a field added to the world without a row (and so neither cloned by
compare --fork nor kept in a checkpoint) fails here. Prints each such member, exit 1."""
import re
import sys


def members(impl):
    body = impl[impl.index("struct ps_world {") + len("struct ps_world {"):]
    body = re.sub(r"/\*.*?\*/", "", body[: body.index("\n};")], flags=re.S)
    names = []
    for decl in body.split(";"):
        parts = [re.sub(r"\[.*?\]", "", p) for p in decl.split(",")]
        if parts[0].strip():
            names += [re.findall(r"\w+", p)[-1] for p in parts]
    return names


def main():
    src = sys.argv[1]
    impl = open(f"{src}/sim/world/world_impl.h").read()
    fields = open(f"{src}/sim/world/world_fields.h").read()
    rows = {m.split(".")[0] for m in re.findall(
        r"\b(?:VALUE|ARRAY|WORK|AGENTS|STREAM)\((\w+(?:\.\w+)?)", fields)}
    note = fields[fields.index("Not in the list"): fields.index("*/")]
    left = [m for m in members(impl) if m not in rows and not re.search(
        rf"\b{re.escape(m)}\b", note)]
    for m in left:
        print(f"sim/world/world_impl.h: struct ps_world member {m} is neither a row of "
              "sim/world/world_fields.h nor named in its 'Not in the list' paragraph")
    print(f"{len(members(impl))} members, {len(left)} missing")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
