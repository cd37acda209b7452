#!/usr/bin/python3
"""same_datasets.py A.h5 B.h5 - exit 0 when every dataset and every attribute of two
result files is bit-identical, except the root attributes command_line, start_time and
host_name (which say how, when and where each file was made). Prints the first difference otherwise."""
import sys

import h5py


def items(f):
    out = {}

    def visit(name, obj):
        if isinstance(obj, h5py.Dataset):
            value = obj[()]
            plain = obj.dtype.names is None and obj.dtype.kind != "O"
            out[name] = value.tobytes() if plain else repr(value.tolist())
        for key, value in obj.attrs.items():
            if not (name == "" and key in ("command_line", "start_time", "host_name")):
                out[f"{name}@{key}"] = repr(value)

    visit("", f)
    f.visititems(visit)
    return out


def main():
    a, b = (items(h5py.File(path, "r")) for path in sys.argv[1:3])
    for key in sorted(set(a) | set(b)):
        if a.get(key) != b.get(key):
            print(f"differs: {key}")
            return 1
    print(f"identical: {len(a)} datasets and attributes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
