#!/usr/bin/env python3
"""Measure function lengths in kepu's own code (src/, tests excluded).

Issue 21 item 7 asks for no function over 100 lines and a p90 of at most 40.
This prints how many functions there are, how many are over 100 lines, the
median and p90 length, and the longest ones, so a refactoring can show its
before and after figures (docs/performance.md).

A function's length is the number of lines from the line holding `fn` to the
line holding its closing brace, both included; nested functions count on
their own as well as inside their parent. Comments, string and character
literals are blanked before braces are matched, so a `{` inside a message
does not count. Test code is left out: any item under `#[cfg(test)]` (a
`mod tests { … }` block or a single function) and any file that such a
`mod name;` line points at (src/messages/tests.rs).

Usage: python3 tools/fn_lengths.py [--top N] [--over LINES] [ROOT]
ROOT defaults to the src/ folder beside this tools/ folder.
"""

import argparse
import os
import re
import signal
import sys


def blank(text):
    """Return text with comments, strings and char literals replaced by spaces.

    Newlines are kept so that offsets still map to the same line numbers.
    """
    out = []
    i, n = 0, len(text)

    def keep_newlines(s):
        return "".join(c if c == "\n" else " " for c in s)

    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j):
                    depth, j = depth + 1, j + 2
                elif text.startswith("*/", j):
                    depth, j = depth - 1, j + 2
                else:
                    j += 1
            out.append(keep_newlines(text[i:j]))
            i = j
        elif (m := re.compile(r'b?r(#*)"').match(text, i)) and not (
            i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")
        ):
            end = '"' + m.group(1)
            j = text.find(end, m.end())
            j = n if j < 0 else j + len(end)
            out.append(keep_newlines(text[i:j]))
            i = j
        elif c == '"' or (c == "b" and text.startswith('b"', i) and not (
            i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_")
        )):
            j = i + (2 if c == "b" else 1)
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(keep_newlines(text[i:j]))
            i = j
        elif c == "'":
            # A char literal ('x', '\n', '\u{4e00}', '{') or a lifetime ('a).
            m = re.compile(r"'(\\(u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|.)|[^\\\n])'").match(text, i)
            if m:
                out.append(" " * (m.end() - i))
                i = m.end()
            else:
                out.append(c)
                i += 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def matching_brace(code, open_at):
    """Offset of the `}` closing the `{` at open_at (or len(code))."""
    depth = 0
    for j in range(open_at, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(code)


def body_open(code, start):
    """Offset of the `{` opening the item that starts at start, or None if a `;` comes first."""
    paren = 0
    for j in range(start, len(code)):
        ch = code[j]
        if ch in "([":
            paren += 1
        elif ch in ")]":
            paren -= 1
        elif paren == 0 and ch == ";":
            return None
        elif paren == 0 and ch == "{":
            return j
    return None


CFG_TEST = re.compile(r"#\[cfg\(test\)\]")
MOD_FILE = re.compile(r"#\[cfg\(test\)\]\s*(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;")
FN = re.compile(r"\bfn\s+([A-Za-z_]\w*)")
IMPL = re.compile(r"\bimpl\b")
TRAIT_FOR = re.compile(r"\bimpl\b(?:\s*<[^{]*?>)?\s*(?:[\w:]+\s+for\s+)?([\w:]+)")


def test_ranges(code):
    """Offset ranges of items under #[cfg(test)], and the test-only module files named."""
    ranges, files = [], []
    for m in CFG_TEST.finditer(code):
        fm = MOD_FILE.match(code, m.start())
        if fm:
            files.append(fm.group(1))
            continue
        open_at = body_open(code, m.end())
        if open_at is not None:
            ranges.append((m.start(), matching_brace(code, open_at)))
    return ranges, files


def impl_ranges(code):
    """(start, end, type name) of every impl block, to qualify method names."""
    out = []
    for m in IMPL.finditer(code):
        open_at = body_open(code, m.end())
        if open_at is None:
            continue
        header = " ".join(code[m.start():open_at].split())
        header = re.sub(r"<[^<>]*(<[^<>]*>[^<>]*)*>", "", header)
        t = re.search(r"\bfor\s+([\w:]+)", header) or re.search(r"\bimpl\s+([\w:]+)", header)
        out.append((open_at, matching_brace(code, open_at), t.group(1).split("::")[-1] if t else "?"))
    return out


def functions(path, rel):
    """(length, name, rel:line) for every non-test function in one file."""
    with open(path, encoding="utf-8") as f:
        code = blank(f.read())
    tests, _ = test_ranges(code)
    impls = impl_ranges(code)
    result = []
    for m in FN.finditer(code):
        if any(a <= m.start() <= b for a, b in tests):
            continue
        open_at = body_open(code, m.end())
        if open_at is None:
            continue
        close = matching_brace(code, open_at)
        first = code.count("\n", 0, m.start()) + 1
        last = code.count("\n", 0, close) + 1
        owner = [t for a, b, t in impls if a <= m.start() <= b]
        module = rel[:-3].replace(os.sep, "::").removesuffix("::mod")
        name = f"{owner[-1]}::{m.group(1)}" if owner else m.group(1)
        result.append((last - first + 1, f"{module}: {name}", f"{rel}:{first}"))
    return result


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return 0
    k = max(0, -(-p * len(sorted_values) // 100) - 1)
    return sorted_values[int(k)]


def main():
    # Quiet when piped into head.
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", nargs="?", default=os.path.join(here, "..", "src"))
    ap.add_argument("--top", type=int, default=15, help="how many of the longest to list")
    ap.add_argument("--over", type=int, default=100, help="the length counted as too long")
    args = ap.parse_args()
    root = os.path.normpath(args.root)

    skip = set()
    for dirpath, _, names in os.walk(root):
        for name in names:
            if name.endswith(".rs"):
                with open(os.path.join(dirpath, name), encoding="utf-8") as f:
                    _, files = test_ranges(blank(f.read()))
                base = dirpath if name == "mod.rs" else os.path.join(dirpath, name[:-3])
                for mod in files:
                    skip.add(os.path.join(base, mod + ".rs"))
                    skip.add(os.path.join(base, mod, "mod.rs"))

    found = []
    for dirpath, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            path = os.path.join(dirpath, name)
            if name.endswith(".rs") and path not in skip:
                found.extend(functions(path, os.path.relpath(path, root)))

    lengths = sorted(n for n, _, _ in found)
    over = [f for f in found if f[0] > args.over]
    print(f"functions: {len(found)}")
    print(f"over {args.over} lines: {len(over)}")
    print(f"median: {percentile(lengths, 50)}  p90: {percentile(lengths, 90)}  "
          f"max: {lengths[-1] if lengths else 0}")
    print(f"longest {args.top}:")
    for n, name, where in sorted(found, key=lambda f: (-f[0], f[2]))[: args.top]:
        print(f"  {n:5}  {name}  ({where})")


if __name__ == "__main__":
    sys.exit(main())
