#!/usr/bin/env bash
# What the site search costs at scale, and how well it matches phrases;
# docs/performance.md ("Search at 10,000 pages") explains it.
#
#   benches/search.sh [PAGES]          default: 10000
#
# Environment: RUNS (builds per binary and setting, median reported; default 3),
# BASE (a baseline `kepu` binary, e.g. one built from main, run alternately with this
# one so that both see the same load), BENCH_DIR (default /dev/shm/kepu-search),
# CARGO_TARGET_DIR (as for cargo).
#
# It writes the corpus (benches/gen_corpus.rs) and a copy with `[search] enable =
# false`, then RUNS rounds, each building both copies with every binary, timed by
# /usr/bin/time (wall, CPU, peak resident memory) into a fresh output folder. It prints
# one Markdown table (search's share of time and memory beside the build without
# it, the index's bytes and files), the load average, and then benches/search_eval.rs
# on the same corpus: first-query downloads (plain and gzipped) and, for Chinese
# phrase queries, the share of the first ten results that contain the phrase.
set -euo pipefail
cd "$(dirname "$0")/.."

PAGES=${1:-10000}
RUNS=${RUNS:-3}
DIR=${BENCH_DIR:-/dev/shm/kepu-search}
NOW=2018-06-01T00:00:00+08:00
TARGET=${CARGO_TARGET_DIR:-target}/release
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }

cargo build --release --quiet --bin kepu --example gen_corpus --example search_eval
mkdir -p "$DIR"
c="$DIR/c$PAGES"
rm -rf "$c" "$c-nosearch"
"$TARGET/examples/gen_corpus" "$c" "$PAGES" > /dev/null
cp -r "$c" "$c-nosearch"
printf '\n[search]\nenable = false\n' >> "$c-nosearch/site.toml"

declare -A BINS=([new]="$TARGET/kepu")
[ -n "${BASE:-}" ] && BINS[base]="$BASE"
RESULTS="$DIR/results.tsv"
: > "$RESULTS"
for ((i = 0; i <= RUNS; i++)); do # round 0 warms the page cache and is not counted
    for name in "${!BINS[@]}"; do
        for corpus in "$c" "$c-nosearch"; do
            rm -rf "$DIR/out"
            /usr/bin/time -f "%e %M %U %S" -o "$DIR/time.txt" \
                "${BINS[$name]}" build --root "$corpus" --output "$DIR/out" --now "$NOW" > /dev/null 2>&1
            read -r wall rss user sys < "$DIR/time.txt"
            cpu=$(awk "BEGIN { print $user + $sys }")
            setting=$([ "$corpus" = "$c" ] && echo search || echo nosearch)
            files=$(find "$DIR/out/search" -type f 2>/dev/null | wc -l || true) # none without search
            bytes=$(du -sb --apparent-size "$DIR/out/search" 2>/dev/null | cut -f1 || true)
            [ "$i" -gt 0 ] && echo -e "$name\t$setting\t$wall\t$rss\t$files\t${bytes:-0}\t$cpu" >> "$RESULTS"
        done
    done
done
rm -rf "$DIR/out"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$RESULTS" "$PAGES" <<'EOF'
import statistics, sys, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    name, setting, wall, rss, files, size, cpu = line.split("\t")
    rows[(name, setting)].append((float(wall), int(rss) / 1024, int(files), int(size), float(cpu)))
med = lambda name, setting, k: statistics.median(r[k] for r in rows[(name, setting)])
print(f"\n{int(sys.argv[2]):,} pages, medians of {len(rows[('new', 'search')])} runs")
print("| binary | build without search | with search | search adds | CPU time (user+sys) without → with | peak memory without → with | search index |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name in ["base", "new"]:
    if (name, "search") not in rows:
        continue
    off, on = med(name, "nosearch", 0), med(name, "search", 0)
    m_off, m_on = med(name, "nosearch", 1), med(name, "search", 1)
    files, size = med(name, "search", 2), med(name, "search", 3)
    c_off, c_on = med(name, "nosearch", 4), med(name, "search", 4)
    print(f"| {name} | {off:.2f} s | {on:.2f} s | {100 * (on / off - 1):+.0f} % | "
          f"{c_off:.2f} → {c_on:.2f} s ({100 * (c_on / c_off - 1):+.0f} %) | "
          f"{m_off:.0f} → {m_on:.0f} MiB (+{m_on - m_off:.0f}) | {size / 1e6:.1f} MB in {files:,.0f} files |")
EOF

"$TARGET/examples/search_eval" "$c" --now "$NOW"
