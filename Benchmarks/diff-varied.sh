#!/usr/bin/env bash
# `empirio diff` on catalogs of varied models (Benchmarks/varied-catalog.py: every model with a
# structure of its own, about 5-6 KB of canonical JSON each), at 2,000 and 20,000 models: two
# identical files, then a file against its next version (about 1.5% of the models changed in
# varied ways, 0.5% removed, 0.5% added). Each figure is three runs: wall time, CPU time (user +
# system, which the machine's other work moves less than the wall time) and peak memory, and the
# CPU time per model at each size (linearity).
#
#   Benchmarks/diff-varied.sh                 # builds empirio (release), generates the fixtures
#   EMPIRIO=path/to/empirio Benchmarks/diff-varied.sh     # times that binary, builds nothing
#   EMPIRIO_DIFF_SIZES="2000 20000 40000" Benchmarks/diff-varied.sh
#
# Called by Benchmarks/compare-generators.sh (unless --quick) after its own diff figure.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${EMPIRIO:-}" ]; then
    swift build -c release --product empirio >/dev/null
    EMPIRIO="$(swift build -c release --show-bin-path)/empirio"
fi
work="$(mktemp -d "${TMPDIR:-/tmp}/empirio-diff-varied.XXXXXX")"
trap 'rm -rf "$work"' EXIT

echo "== empirio diff, catalogs of varied models (Benchmarks/varied-catalog.py, seed 25) =="
for n in ${EMPIRIO_DIFF_SIZES:-2000 20000}; do
    python3 Benchmarks/varied-catalog.py "$n" "$work/raw-a.json" "$work/raw-b.json" >/dev/null
    "$EMPIRIO" snapshot "$work/raw-a.json" -o "$work/a.json" --quiet
    "$EMPIRIO" snapshot "$work/raw-b.json" -o "$work/b.json" --quiet
    rm -f "$work/raw-a.json" "$work/raw-b.json"
    printf '%s models: %.0f MB and %.0f MB (%.1f KB per model)\n' "$n" \
        "$(echo "$(stat -c %s "$work/a.json") / 1000000" | bc -l)" "$(echo "$(stat -c %s "$work/b.json") / 1000000" | bc -l)" \
        "$(echo "$(stat -c %s "$work/a.json") / 1000 / $n" | bc -l)"
    for pair in identical changed; do
        second="$work/a.json"
        [ "$pair" = changed ] && second="$work/b.json"
        cpus=()
        for run in 1 2 3; do
            /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" \
                "$EMPIRIO" diff "$work/a.json" "$second" --format json >"$work/diff.json" 2>/dev/null || true
            read -r wall user system peak <"$work/time.txt"
            cpu=$(echo "$user + $system" | bc)
            cpus+=("$cpu")
            printf '  %-9s run %d: %5.2f s wall, %5.2f s CPU (%s user, %s sys), %4d MB peak\n' "$pair" "$run" "$wall" "$cpu" "$user" "$system" "$((peak / 1024))"
        done
        best=$(printf '%s\n' "${cpus[@]}" | sort -g | head -1)
        summary=$(python3 -c "import json,sys; s=json.load(open(sys.argv[1]))['summary']; print('%d changes: %d breaking, %d additive, %d informational; models %d changed, %d added, %d removed' % (s['breaking']+s['additive']+s['informational'], s['breaking'], s['additive'], s['informational'], s['models_changed'], s['models_added'], s['models_removed']))" "$work/diff.json" 2>/dev/null || echo "no JSON output")
        printf '  %-9s least CPU %.2f s, %.1f µs per model; %s\n' "$pair" "$best" "$(echo "$best * 1000000 / $n" | bc -l)" "$summary"
    done
done
