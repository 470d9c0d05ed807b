#!/usr/bin/env python3
"""Where a build leaves a core idle: reads `perf script` output (thread, time and
stack of each sample) and prints, per time slice, how many samples each thread took
and the function most samples of the slice were in. A slice where one thread works
and the others take nothing is a step that runs on one core.

    perf record -F 2000 -g -o perf.data target/release/kepu build --root SITE --output OUT
    perf script -i perf.data -F tid,time,ip,sym --no-inline > perf.txt
    benches/timeline.py perf.txt [SLICE_MS] [FROM_MS TO_MS]

With FROM_MS and TO_MS it lists instead what the samples of that window were in
(the innermost three kepu functions of each stack). Build with frame pointers for
whole stacks: RUSTFLAGS="-C force-frame-pointers=yes" and
CARGO_PROFILE_RELEASE_DEBUG=line-tables-only."""
import collections
import re
import sys


def samples(path):
    out, current = [], None
    for line in open(path, errors="replace"):
        if not line.startswith("\t") and line.strip():
            m = re.match(r"\s*(\S+)\s+(\d+\.\d+):", line)
            if m:
                current = [int(m.group(1)), float(m.group(2)), []]
                out.append(current)
        elif line.strip() and current:
            parts = line.strip().split(None, 1)
            current[2].append(parts[1].split("(")[0] if len(parts) > 1 else "?")
    return out


def ours(stack):
    return [f.replace("kepu::", "")[:70] for f in stack if "kepu::" in f and "rayon" not in f]


def main():
    found = samples(sys.argv[1])
    if not found:
        sys.exit("no samples")
    start = min(s[1] for s in found)
    if len(sys.argv) == 4:
        low, high = float(sys.argv[2]), float(sys.argv[3])
        counts = collections.Counter()
        for _, t, stack in found:
            if low <= (t - start) * 1000 < high:
                counts[" < ".join(ours(stack)[:3]) or "(outside kepu)"] += 1
        for name, n in counts.most_common(15):
            print(f"{n:5d} {name}")
        return
    slice_ms = float(sys.argv[2]) if len(sys.argv) > 2 else 25.0
    threads = sorted({s[0] for s in found})
    per_slice = collections.defaultdict(collections.Counter)
    top = collections.defaultdict(collections.Counter)
    for tid, t, stack in found:
        k = int((t - start) * 1000 // slice_ms)
        per_slice[k][tid] += 1
        names = ours(stack)
        top[k][names[0] if names else "-"] += 1
    print("slice ms  " + " ".join(f"{t:>7}" for t in threads) + "  most samples in")
    for k in sorted(per_slice):
        name, n = top[k].most_common(1)[0]
        row = " ".join(f"{per_slice[k][t]:7d}" for t in threads)
        print(f"{k * slice_ms:8.0f}  {row}  {name} ({n})")


if __name__ == "__main__":
    main()
