#!/usr/bin/python3
"""layers.py SRC [LIBRARY] - check that protsim's code respects its layers.

The layers of sim/ are folders, lowest first (sim/README.md). A file may use its own
layer and the layers below it, never one above. Two checks:
  1. includes: every #include "..." in sim/ and include/protsim/ resolves to a header
     of a layer at or below the including file's layer;
  2. symbols (when the static library is given): no object file calls a function
     defined in a higher layer, and the objects' call graph has no cycle (two files
     that call each other are one module, or one of them is in the wrong place).
Prints one line per violation and exits 1 when there is any.
"""
import os
import re
import subprocess
import sys

LAYERS = ["base", "settings", "world", "observe", "sweep", "record", "drivers", "face"]

# Public headers belong to the layer whose face they are.
PUBLIC = {
    "error.h": "base",
    "version.h": "base",
    "build_info.h": "base",
    "scenario.h": "settings",
    "actions.h": "settings",
    "channels.h": "settings",
    "components.h": "settings",
    "world.h": "world",
    "statuses.h": "world",
    "flows.h": "world",
    "events.h": "world",
    "indicators.h": "observe",
    "series.h": "observe",
    "summary.h": "observe",
    "targets.h": "observe",
    "sweep.h": "sweep",
    "record.h": "record",
    "protsim.h": "face",
}

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def rank(layer):
    return LAYERS.index(layer)


def sources(src):
    """(path, layer) of every C file of sim/ and include/protsim/."""
    out = []
    for layer in LAYERS:
        folder = os.path.join(src, "sim", layer)
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            if name.endswith((".c", ".h")):
                out.append((os.path.join(folder, name), layer))
    pub = os.path.join(src, "include", "protsim")
    for name in sorted(os.listdir(pub)):
        if name.endswith(".h"):
            if name not in PUBLIC:
                sys.exit(f"layers.py: include/protsim/{name}: no layer assigned (add it to PUBLIC)")
            out.append((os.path.join(pub, name), PUBLIC[name]))
    return out


def check_includes(src, files):
    stray = [n for n in os.listdir(os.path.join(src, "sim")) if n.endswith((".c", ".h"))]
    problems = [f"sim/{n}: outside every layer folder" for n in sorted(stray)]
    header_layer = {}
    for path, layer in files:
        if "/sim/" in path and path.endswith(".h"):
            name = os.path.basename(path)
            if name in header_layer:
                problems.append(f"{name}: in two layers")
            header_layer[name] = layer
    for path, layer in files:
        rel = os.path.relpath(path, src)
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
        for m in INCLUDE.finditer(text):
            target = m.group(1)
            line = text.count("\n", 0, m.start()) + 1
            if target.startswith("protsim/"):
                to = PUBLIC.get(target[len("protsim/"):])
            else:
                to = header_layer.get(target)
            if to is None:
                problems.append(f"{rel}:{line}: #include \"{target}\": not a header of any layer")
            elif rank(to) > rank(layer):
                problems.append(
                    f"{rel}:{line}: #include \"{target}\" goes up from {layer} to {to}")
    return problems


def object_layers(src):
    """Object file name -> layer, from the source files' names."""
    out = {}
    for layer in LAYERS:
        folder = os.path.join(src, "sim", layer)
        for name in os.listdir(folder) if os.path.isdir(folder) else []:
            if name.endswith(".c"):
                out[name + ".o"] = layer
    return out


def symbol_graph(library):
    """defined[symbol] = object, used[object] = set of symbols it needs."""
    text = subprocess.run(["nm", "-A", library], check=True, capture_output=True,
                          text=True).stdout
    defined, used = {}, {}
    for row in text.splitlines():  # "LIBRARY:OBJECT:ADDRESS KIND NAME"
        fields = row.split(":", 2)
        parts = fields[2].split() if len(fields) == 3 else []
        if len(parts) < 2:
            continue
        obj, kind, name = fields[1], parts[-2], parts[-1]
        if kind in "TDBR":
            defined[name] = obj
        elif kind == "U":
            used.setdefault(obj, set()).add(name)
    return defined, used


def cycles(edges):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def check_symbols(src, library):
    layer_of = object_layers(src)
    defined, used = symbol_graph(library)
    problems, edges = [], {}
    for obj, names in sorted(used.items()):
        for name in sorted(names):
            to = defined.get(name)
            if to is None or to == obj:
                continue
            edges.setdefault(obj, set()).add(to)
            a, b = layer_of.get(obj), layer_of.get(to)
            if a and b and rank(b) > rank(a):
                problems.append(f"{obj[:-2]} ({a}) calls {name} of {to[:-2]} ({b}): up a layer")
    for comp in cycles(edges):
        problems.append("call cycle: " + " <-> ".join(c[:-2] for c in comp))
    return problems


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__.strip().splitlines()[0])
    src = sys.argv[1]
    problems = check_includes(src, sources(src))
    if len(sys.argv) == 3:
        problems += check_symbols(src, sys.argv[2])
    for p in problems:
        print(p)
    print(f"layers: {len(problems)} violation(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
