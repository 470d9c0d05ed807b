#!/usr/bin/env python3
"""Find circles in the imports between kepu's source files (src/, tests excluded).

Issue 21 asks that imports run one way: no file reaches, through a chain of
`use crate::…` / `super::…` / `child::…` paths, back to itself. This builds the
graph of which file names an item of which other file and prints every circle
(strongly connected component of more than one file), then the same graph with
files merged into their top-level module (`render`, `site`, …).

A path is resolved to the deepest module that is a file of its own: `use
crate::render::views::PageView` is an arrow to src/render/views.rs, `use
crate::render::PageView` an arrow to src/render/mod.rs (even when mod.rs only
re-exports it, since the reader must then open mod.rs). `mod child;` lines are
declarations, not arrows. Code under `#[cfg(test)]` and test-only module files
are left out, as in tools/fn_lengths.py, whose comment and string blanking this
reuses.

Usage: python3 tools/import_cycles.py [--quiet] [ROOT]
Exit status 1 when there is a circle between sibling files or between top-level
modules, so CI or a test can run it; the strict count (a child naming its own
mod.rs, which calls it back) is printed but does not fail.
"""

import argparse
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fn_lengths import blank, test_ranges  # noqa: E402

IDENT = r"[A-Za-z_]\w*"
USE = re.compile(r"\buse\s+([^;]*);")
MOD_DECL = re.compile(r"(?:^|[;}\s])(?:pub(?:\([^)]*\))?\s+)?mod\s+(" + IDENT + r")\s*;")
PATH = re.compile(r"(?<![\w:])(" + IDENT + r")((?:\s*::\s*" + IDENT + r")+)")


def module_of(rel):
    """Module path (list of names) of a file relative to src/."""
    parts = rel[:-3].split(os.sep)
    if parts[-1] in ("mod", "lib"):
        parts = parts[:-1]
    return tuple(parts)


def expand_use(tree):
    """Every full path a `use` tree names: `a::{b, c::{d}}` -> a::b, a::c::d."""
    tree = " ".join(tree.split())
    brace = tree.find("{")
    if brace < 0:
        path = tree.split(" as ")[0].strip()
        return [path] if path else []
    prefix = tree[:brace].strip()
    inner, depth, parts, start = tree[brace + 1:tree.rfind("}")], 0, [], 0
    for i, ch in enumerate(inner):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
    parts.append(inner[start:])
    out = []
    for part in parts:
        for sub in expand_use(part):
            out.append(prefix + sub if sub != "self" else prefix.rstrip(":"))
    return out


def resolve(here, path, children, modules):
    """The module (tuple) a path written in module `here` lands in, or None if outside."""
    segs = [s.strip() for s in path.split("::") if s.strip()]
    if not segs:
        return None
    if segs[0] == "crate":
        absolute, segs = [], segs[1:]
    elif segs[0] in ("self", "super"):
        absolute = list(here)
        while segs and segs[0] in ("self", "super"):
            if segs.pop(0) == "super":
                absolute = absolute[:-1]
    elif segs[0] in children:
        absolute = list(here)
    else:
        return None  # std, a crate from Cargo.toml, a local variable's field, …
    target = tuple(absolute)
    for seg in segs:
        if target + (seg,) in modules:
            target = target + (seg,)
        else:
            break
    return target


def graph(root):
    """{file module: set of file modules it names}, for every non-test file under root."""
    skip, codes = set(), {}
    for dirpath, _, names in os.walk(root):
        for name in names:
            if not name.endswith(".rs"):
                continue
            path = os.path.join(dirpath, name)
            with open(path, encoding="utf-8") as f:
                code = blank(f.read())
            tests, files = test_ranges(code)
            for a, b in reversed(tests):
                code = code[:a] + " " * (b - a + 1) + code[b + 1:]
            base = dirpath if name in ("mod.rs", "lib.rs") else os.path.join(dirpath, name[:-3])
            for mod in files:
                skip.add(os.path.join(base, mod + ".rs"))
                skip.add(os.path.join(base, mod, "mod.rs"))
            codes[path] = code
    modules = {}
    for path, code in codes.items():
        rel = os.path.relpath(path, root)
        if path not in skip and rel != "main.rs":
            modules[module_of(rel)] = code
    edges = {m: set() for m in modules}
    for here, code in modules.items():
        children = set(MOD_DECL.findall(code))
        paths = []
        for m in USE.finditer(code):
            paths.extend(expand_use(m.group(1)))
        without_use = USE.sub(lambda m: " " * len(m.group(0)), code)
        paths.extend(m.group(1) + m.group(2) for m in PATH.finditer(without_use))
        for p in paths:
            target = resolve(here, p, children, modules)
            if target is not None and target != here:
                edges[here].add(target)
    return edges


def circles(edges):
    """Strongly connected components with more than one node (Tarjan, iterative)."""
    index, low, on_stack, stack, out, counter = {}, {}, set(), [], [], [0]
    for start in sorted(edges):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter[0]
        counter[0] += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, it = work[-1]
            advanced = False
            for nxt in it:
                if nxt not in index:
                    index[nxt] = low[nxt] = counter[0]
                    counter[0] += 1
                    stack.append(nxt)
                    on_stack.add(nxt)
                    work.append((nxt, iter(sorted(edges[nxt]))))
                    advanced = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                comp = []
                while True:
                    n = stack.pop()
                    on_stack.discard(n)
                    comp.append(n)
                    if n == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return sorted(out)


def name(module):
    """`render::views` for ("render", "views"), `crate` for the root."""
    return "::".join(module) or "crate"


def report(title, edges, quiet):
    """Print the circles of one graph; return how many there are."""
    found = circles(edges)
    print(f"{title}: {len(found)} circle(s), {sum(map(len, found))} modules in them")
    if not quiet:
        for comp in found:
            members = set(comp)
            print(f"  {len(comp)} modules: " + ", ".join(name(m) for m in comp))
            for m in comp:
                inside = sorted(name(t) for t in edges[m] if t in members)
                print(f"    {name(m)} -> {', '.join(inside)}")
    return len(found)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", default=os.path.join(here, "..", "src"))
    ap.add_argument("--quiet", action="store_true", help="only the counts")
    args = ap.parse_args()
    edges = graph(os.path.normpath(args.root))
    report("between files", edges, args.quiet)
    # A file naming a type of the mod.rs that declares it (`super::Rendering`) while
    # mod.rs calls into the file is Rust's usual hub; counted apart, the circles left
    # are those between siblings, which the hub cannot explain.
    siblings = {m: {t for t in ts if m[:len(t)] != t} for m, ts in edges.items()}
    between = report("between files, arrows to an enclosing module left out", siblings, args.quiet)
    top = {}
    for m, targets in edges.items():
        key = m[:1]
        top.setdefault(key, set()).update(t[:1] for t in targets if t[:1] != key)
    tops = report("between top-level modules", top, args.quiet)
    return 1 if between or tops else 0


if __name__ == "__main__":
    sys.exit(main())
