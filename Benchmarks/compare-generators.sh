#!/usr/bin/env bash
# The generator's figures, in one run, beside swift-openapi-generator 1.14.3 on the same catalogs.
#
#   Benchmarks/compare-generators.sh            # 220 and 2,000 models side by side, 20,000 alone,
#                                               # the default module's compile, the 20,000-model diff
#   Benchmarks/compare-generators.sh --quick    # 220 models side by side and the compile only
#
# What it prints, each figure with the ratio that matters (this machine's speed drifts by 2x from
# day to day, so compare ratios, not seconds):
#   1. generation wall time (median of 3; swift-openapi-generator's median of 3 at 220 models,
#      one run at 2,000, which takes minutes) on a scale fixture and on its OpenAPI export
#      (`empirio openapi`), which swift-openapi-generator reads (`--mode types --mode client`);
#      then 20,000 models alone, with the time per model at each size (linearity);
#      and where one generation's time goes (`empirio generate --timings`);
#   2. the clean debug compile of the default catalog's generated module (swiftc -Onone -g, batch
#      mode, 2 jobs, as `swift build` compiles a module), wall and CPU time, beside the module
#      committed at the baseline commit (f2f146c, before the generator's rework; EMPIRIO_BASELINE
#      to change it) compiled the same way against its own runtime, in turn, five times each
#      (medians, and the median of the pairs' ratios); then the slowest model's own frontend
#      job in a second, file-by-file compile;
#   3. a 500-parameter model and a model nested 40 levels deep, each model's file compiled on
#      its own (the slowest job, against the 3 s bound);
#   4. `empirio diff` of two 20,000-model catalogs (the second with a few hundred models changed,
#      added and removed): wall time and peak memory; then Benchmarks/diff-varied.sh, the same
#      on catalogs of varied models (Benchmarks/varied-catalog.py) at 2,000 and 20,000 models,
#      identical and changed, with CPU time and the time per model.
#
# swift-openapi-generator is built in Benchmarks/GeneratorComparison, a package of its own, so
# the main package never depends on it. Both tools are release builds.
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
[ "${1:-}" = "--quick" ] && quick=true
baseline="${EMPIRIO_BASELINE:-f2f146c}"
work="$(mktemp -d "${TMPDIR:-/tmp}/empirio-compare.XXXXXX")"
# Both generators write their output to memory (tmpfs) when the machine has it, so the figures
# measure the generators, not the disk: on this project's VM, creating 2,000 files on its disk
# takes from 0.04 s to 1.5 s depending on what the disk did just before (EMPIRIO_BENCH_OUT to
# choose another folder). The timings lines below also show one run written to the disk.
out="${EMPIRIO_BENCH_OUT:-}"
if [ -z "$out" ]; then
    if [ -d /dev/shm ] && [ -w /dev/shm ]; then out="$(mktemp -d /dev/shm/empirio-out.XXXXXX)"; else out="$work/out"; fi
fi
mkdir -p "$out"
cleanup() {
    git worktree remove --force "$work/baseline" >/dev/null 2>&1 || true
    rm -rf "$work" "$out"
}
trap cleanup EXIT

echo "building (release): empirio, empirio-bench, swift-openapi-generator 1.14.3 ..." >&2
swift build -c release --product empirio >/dev/null
swift build -c release --product empirio-bench >/dev/null
swift build --target EmpirioRuntime >/dev/null
(cd Benchmarks/GeneratorComparison && swift build -c release --product swift-openapi-generator >/dev/null)
release="$(swift build -c release --show-bin-path)"
debug="$(swift build --show-bin-path)"
oag="$(cd Benchmarks/GeneratorComparison && swift build -c release --show-bin-path)/swift-openapi-generator"

now() { date +%s.%N; }
median3() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

time_empirio() {  # CATALOG OUTDIR -> seconds
    rm -rf "$2" && mkdir -p "$2"
    local start end
    start=$(now)
    "$release/empirio" generate --catalog "$1" --output "$2" --access-modifier public --quiet >/dev/null
    end=$(now)
    echo "$end - $start" | bc
}

time_oag() {  # OPENAPI OUTDIR -> seconds
    rm -rf "$2" && mkdir -p "$2"
    local start end
    start=$(now)
    "$oag" generate "$1" --mode types --mode client --access-modifier public --output-directory "$2" >/dev/null 2>&1
    end=$(now)
    echo "$end - $start" | bc
}

echo
echo "== generation (wall time) =="
printf '%-8s %-12s %-26s %-8s %s\n' models empirio swift-openapi-generator ratio "empirio per model"
sizes=(220 2000)
$quick && sizes=(220)
for n in "${sizes[@]}"; do
    "$release/empirio-bench" scale-catalog "$n" "$work/catalog-$n.json" >/dev/null
    "$release/empirio" openapi "$work/catalog-$n.json" -o "$work/openapi-$n.yaml" >/dev/null
    e=$(median3 "$(time_empirio "$work/catalog-$n.json" "$out/e")" "$(time_empirio "$work/catalog-$n.json" "$out/e")" "$(time_empirio "$work/catalog-$n.json" "$out/e")")
    lines=$(cat "$out/e"/*.swift | wc -l)
    if [ "$n" -le 500 ]; then
        o=$(median3 "$(time_oag "$work/openapi-$n.yaml" "$out/o")" "$(time_oag "$work/openapi-$n.yaml" "$out/o")" "$(time_oag "$work/openapi-$n.yaml" "$out/o")")
    else
        o=$(time_oag "$work/openapi-$n.yaml" "$out/o")
    fi
    olines=$(cat "$out/o"/*.swift | wc -l)
    rm -rf "$out/o"
    printf '%-8s %-12s %-26s %-8s %s\n' "$n" "$(printf '%.3f s' "$e")" "$(printf '%.2f s' "$o")" "$(printf '%.0fx' "$(echo "$o / $e" | bc -l)")" \
        "$(printf '%.0f µs (%d lines; theirs %d)' "$(echo "$e * 1000000 / $n" | bc -l)" "$lines" "$olines")"
done
if ! $quick; then
    "$release/empirio-bench" scale-catalog 20000 "$work/catalog-20000.json" >/dev/null
    e=$(median3 "$(time_empirio "$work/catalog-20000.json" "$out/e")" "$(time_empirio "$work/catalog-20000.json" "$out/e")" "$(time_empirio "$work/catalog-20000.json" "$out/e")")
    printf '%-8s %-12s %-26s %-8s %s\n' 20000 "$(printf '%.3f s' "$e")" "(not run)" "" "$(printf '%.0f µs' "$(echo "$e * 1000000 / 20000" | bc -l)")"
fi
echo
echo "where the time of one generation goes (220 models, then 2,000 unless --quick; in memory, then on the disk):"
rm -rf "$out/e"
for n in "${sizes[@]}"; do
    for target in "$out/t" "$work/t"; do
        rm -rf "$target" && mkdir -p "$target" && sync
        "$release/empirio" generate --catalog "$work/catalog-$n.json" --output "$target" --access-modifier public --quiet --timings 2>&1 \
            | sed 1d | tr -s ' ' | tr '\n' ';' | sed "s|^|  $n models, $([ "$target" = "$out/t" ] && echo memory || echo disk):|; s/;\$/\n/"
        rm -rf "$target"
    done
done

echo
echo "== clean debug compile of the default module (Generated/catalog.json) =="
mkdir -p "$work/default" "$work/objects"
"$release/empirio" generate --catalog Generated/catalog.json --output "$work/default" --access-modifier public --quiet >/dev/null
echo "$(ls "$work/default" | wc -l) files, $(cat "$work/default"/*.swift | wc -l) lines"
compile_module() {  # SOURCES MODULES LABEL: prints one line, sets wall and cpu (seconds)
    rm -rf "$work/objects" && mkdir -p "$work/objects"
    wall=0 cpu=0
    if (cd "$work/objects" && /usr/bin/time -f '%e %U %S %M' -o "$work/time.txt" \
        swiftc -c -Onone -g -enable-batch-mode -j 2 -parse-as-library -swift-version 6 -module-name BenchModels \
        -warnings-as-errors -I "$2" "$1"/*.swift >/dev/null 2>&1); then
        read -r wall user system peak <"$work/time.txt"
        cpu=$(echo "$user + $system" | bc)
        printf '%s: %s s wall, %s s CPU, %s MB peak (largest process)\n' "$3" "$wall" "$cpu" "$((peak / 1024))"
    else
        echo "$3: the module did not compile"
    fi
}
# The baseline: its committed module, compiled against its own runtime (built in a worktree).
# The two are compiled in turn, five times each (EMPIRIO_COMPILE_RUNS), and each figure is the
# median of its runs: this machine's timings jump by up to 2x from one run to the next. The
# ratio is also given as the median of the five pairs' ratios (each pair compiled back to
# back), which a jump between pairs does not move.
if git worktree add --detach "$work/baseline" "$baseline" >/dev/null 2>&1 \
    && (cd "$work/baseline" && swift build --target EmpirioRuntime >/dev/null 2>&1); then
    base_modules="$(cd "$work/baseline" && swift build --show-bin-path)/Modules"
    base_label="baseline $baseline ($(cat "$work/baseline/Generated/EmpirioModels"/*.swift | wc -l) lines)"
    bw=() bc=() nw=() nc=() rw=() rc=()
    for run in $(seq "${EMPIRIO_COMPILE_RUNS:-5}"); do
        compile_module "$work/baseline/Generated/EmpirioModels" "$base_modules" "$base_label, run $run"
        bw+=("$wall") bc+=("$cpu")
        pair_wall=$wall pair_cpu=$cpu
        compile_module "$work/default" "$debug/Modules" "now, run $run"
        nw+=("$wall") nc+=("$cpu")
        if [ "$pair_wall" != 0 ] && [ "$wall" != 0 ]; then
            rw+=("$(echo "100 * $wall / $pair_wall" | bc -l)") rc+=("$(echo "100 * $cpu / $pair_cpu" | bc -l)")
        fi
    done
    base_wall=$(median "${bw[@]}") base_cpu=$(median "${bc[@]}") wall=$(median "${nw[@]}") cpu=$(median "${nc[@]}")
    echo "medians: baseline $base_wall s wall, $base_cpu s CPU; now $wall s wall, $cpu s CPU"
    if [ "$base_wall" != 0 ] && [ "$wall" != 0 ]; then
        printf 'now / baseline, medians: %.0f%% of the wall time, %.0f%% of the CPU time\n' \
            "$(echo "100 * $wall / $base_wall" | bc -l)" "$(echo "100 * $cpu / $base_cpu" | bc -l)"
    fi
    if [ "${#rw[@]}" -gt 0 ]; then
        printf 'now / baseline, median of the pairs: %.0f%% of the wall time, %.0f%% of the CPU time (pairs: %s)\n' \
            "$(median "${rw[@]}")" "$(median "${rc[@]}")" "$(printf '%.0f%% ' "${rc[@]}")"
    fi
else
    echo "(the baseline $baseline could not be built here; the module alone:)"
    compile_module "$work/default" "$debug/Modules" "now"
fi
# File by file (one frontend job per model, as an incremental build recompiles one): each job's
# wall time from the driver's parseable output, the slowest named, and how many exceed 3 s.
rm -rf "$work/objects" && mkdir -p "$work/objects"
(cd "$work/objects" && swiftc -c -Onone -g -j 2 -parse-as-library -swift-version 6 -module-name BenchModels \
    -I "$debug/Modules" -parseable-output "$work/default"/*.swift 2>&1 >/dev/null) \
    | python3 Benchmarks/job-times.py 3

echo
echo "== the widest and deepest models: one frontend job per model =="
# Two models of 500 parameters (ranges, 100 enums of their own, arrays, booleans or 100 object
# parameters) and one whose object parameter nests 40 levels (capped by the generator): each
# model's own file compiled as its own job.
python3 - "$work/hostile.json" <<'PY'
import json, sys
def wide(objects):
    table = []
    for i in range(500):
        kind = i % 5
        p = {"name": f"p{i}", "description": f"Parameter {i}."}
        if kind == 0: p.update(type="integer", min=0, max=i + 1, default=0)
        elif kind == 1: p.update(type="number", min=-1.5, max=2.5)
        elif kind == 2: p.update(type="string", allowed_values=[f"v{i}a", f"v{i}b", "auto"])
        elif kind == 3: p.update(type="array", items={"type": "string"}, min_items=1, max_items=8)
        elif objects: p.update(type="object", properties=[{"name": "a", "type": "integer", "min": 1}, {"name": "b", "type": "boolean"}])
        else: p.update(type="boolean", default=False)
        table.append(p)
    return table
deep = {"name": "leaf", "type": "string"}
for level in range(40):
    deep = {"name": f"level{level}", "type": "object", "properties": [deep, {"name": f"n{level}", "type": "integer", "max": level + 1}]}
models = [
    {"id": "wide-model", "category": "text", "endpoints": ["/v1/chat/completions"], "parameters": wide(False)},
    {"id": "wide-objects-model", "category": "text", "endpoints": ["/v1/chat/completions"], "parameters": wide(True)},
    {"id": "deep-model", "category": "text", "endpoints": ["/v1/chat/completions"], "parameters": [deep]},
]
json.dump({"object": "list", "data": models}, open(sys.argv[1], "w"))
PY
rm -rf "$work/hostile" && mkdir -p "$work/hostile"
echo "generator warnings (nesting capped): $("$release/empirio" generate --catalog "$work/hostile.json" --output "$work/hostile" --access-modifier public 2>&1 | grep -c 'warning:' || true)"
echo "$(cat "$work/hostile"/*.swift | wc -l) lines"
# One job at a time, as an incremental build recompiles one model, three times over: each
# model's figure is the median of its three jobs.
for pass in 1 2 3; do
    rm -rf "$work/objects" && mkdir -p "$work/objects"
    (cd "$work/objects" && swiftc -c -Onone -g -j 1 -parse-as-library -swift-version 6 -module-name BenchHostile \
        -I "$debug/Modules" -parseable-output "$work/hostile"/*.swift 2>&1 >/dev/null)
done | python3 Benchmarks/job-times.py 3

if ! $quick; then
    echo
    echo "== empirio diff, two 20,000-model catalogs =="
    "$release/empirio-bench" mutate-catalog "$work/catalog-20000.json" "$work/catalog-20000b.json" >/dev/null
    ls -l "$work/catalog-20000.json" "$work/catalog-20000b.json" | awk '{printf "%s: %.0f MB\n", $NF, $5/1000000}'
    for run in 1 2 3; do
        /usr/bin/time -f "diff, run $run: %e s wall, %U s user + %S s sys CPU, %M KB peak" -o "$work/diff-time.txt" \
            "$release/empirio" diff "$work/catalog-20000.json" "$work/catalog-20000b.json" --format json >"$work/diff.json" 2>/dev/null || true
        cat "$work/diff-time.txt"
    done
    python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print('changes:', d['summary'])" "$work/diff.json" 2>/dev/null || true
    # The same on catalogs whose models differ from each other in structure (the fixture above
    # copies the default catalog's models), at 2,000 and 20,000 models, identical and changed.
    echo
    EMPIRIO="$release/empirio" Benchmarks/diff-varied.sh
fi
