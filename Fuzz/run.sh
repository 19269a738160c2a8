#!/usr/bin/env bash
# Builds the fuzz targets with libFuzzer and AddressSanitizer and runs one or all of them.
#
#   Fuzz/run.sh                      # every target, 60 s each
#   Fuzz/run.sh catalog 600          # one target for 10 minutes
#   Fuzz/run.sh all 20               # what CI runs: every target, 20 s each
#   Fuzz/run.sh json 0 -runs=2000000 # a fixed number of executions (extra flags go to libFuzzer)
#   EMPIRIO_FUZZ_CORPUS=/tmp/c Fuzz/run.sh all 0 -runs=20000 -seed=1   # CI: seeds only, deterministic
#
# Targets: json, yaml, catalog, config, sse, responses (Sources/Development/EmpirioFuzzTargets).
# Seed corpora come from the project's fixtures and seeds (Fuzz/seeds), the committed catalog and,
# when it is beside the clone, ../shared/reference. The corpus grows in .build-fuzz/corpus/TARGET
# and is kept between runs. A crash, a leak, a timeout (10 s for one input) or an input past
# 2 GB of memory stops the target, leaves the input in .build-fuzz/artifacts/, and fails the run:
# copy it into Tests/EmpirioFuzzTests/Regressions/TARGET/, fix the cause, and `swift test` keeps
# it fixed. Prints, per target, the executions, the rate, the corpus size and the findings.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(json yaml catalog config sse responses)
which="${1:-all}"
seconds="${2:-60}"
shift $(( $# > 2 ? 2 : $# ))
extra=("$@")
scratch=.build-fuzz

if [ "$which" != all ] && [[ ! " ${targets[*]} " =~ " $which " ]]; then
    echo "fuzz: unknown target $which (targets: ${targets[*]}, or all)" >&2
    exit 2
fi
[ "$which" = all ] || targets=("$which")

echo "fuzz: building empirio-fuzz with -sanitize=fuzzer,address (release) in $scratch"
# SwiftPM's --sanitize=fuzzer alone instruments only some modules for coverage (seen with Swift
# 6.3.1: about a third of the counters, and none after some incremental builds), which leaves
# libFuzzer nearly blind; the coverage kinds libFuzzer needs are asked for explicitly.
swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -DFUZZING \
    -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp \
    --product empirio-fuzz --scratch-path "$scratch" 2>&1 \
    | grep -v "Cannot export local symbol '__asan_extra_spill_area'" | tail -n 3
binary="$scratch/release/empirio-fuzz"
# (Read whole, not piped into grep -q: under pipefail, grep's early exit fails readelf with SIGPIPE.)
sections=$(readelf -S "$binary" 2>/dev/null || true)
if [[ "$sections" != *__sancov_cntrs* ]]; then
    echo "fuzz: $binary has no coverage counters; remove $scratch and run again" >&2
    exit 1
fi

seed() {  # seed TARGET DIR: copy the seeds of a target into its corpus
    local target="$1" dir="$2" patterns=()
    case "$target" in
        json|responses) patterns=('*.json') ;;
        yaml|config) patterns=('*.yaml' '*.yml') ;;
        catalog) patterns=('*.json' '*.yaml' '*.yml') ;;
        sse) patterns=('*.sse') ;;
    esac
    local roots=(Tests Fuzz/seeds)
    [ -d ../shared/reference ] && roots+=(../shared/reference)
    for root in "${roots[@]}"; do
        for pattern in "${patterns[@]}"; do
            find "$root" -name "$pattern" -size -300k -not -path '*/.build*' -print0 2>/dev/null \
                | while IFS= read -r -d '' file; do cp "$file" "$dir/seed-$(printf '%s' "$file" | cksum | cut -d' ' -f1)"; done
        done
    done
    if [ "$target" = config ]; then cp Fuzz/seeds/config/* "$dir/" 2>/dev/null || true; fi
    if [ "$target" = catalog ] || [ "$target" = json ]; then head -c 60000 Generated/catalog.json >"$dir/seed-default-catalog-head"; fi
}

status=0
summary=()
for target in "${targets[@]}"; do
    corpus="${EMPIRIO_FUZZ_CORPUS:-$scratch/corpus}/$target"
    artifacts="$scratch/artifacts"
    mkdir -p "$corpus" "$artifacts"
    seed "$target" "$corpus"
    log="$scratch/$target.log"
    before=$(ls "$artifacts" | grep -c "^$target-" || true)
    echo "fuzz: $target for ${seconds} s (corpus $(ls "$corpus" | wc -l) inputs)"
    set +e
    EMPIRIO_FUZZ_TARGET="$target" ASAN_OPTIONS="detect_leaks=1:allocator_may_return_null=1" LSAN_OPTIONS="suppressions=$(pwd)/Fuzz/lsan-suppressions.txt:print_suppressions=0" "$binary" "$corpus" \
        -max_total_time="$seconds" -max_len="${EMPIRIO_FUZZ_MAX_LEN:-4096}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$artifacts/$target-" "${extra[@]}" >"$log" 2>&1
    code=$?
    set -e
    if ! grep -q "inline 8-bit counters" "$log"; then
        echo "fuzz: $target: the binary is not instrumented for coverage (remove $scratch and run again)" >&2
        code=1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -n 1)
    rate=$(grep -o 'exec/s: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$')
    findings=$(( $(ls "$artifacts" | grep -c "^$target-" || true) - before ))
    if [ $code -ne 0 ]; then
        status=1
        echo "fuzz: $target FAILED (exit $code); the input is in $artifacts; the last lines of $log:"
        grep -E "fuzz property broken|ERROR: |SUMMARY|Fatal error|deadly signal|==[0-9]+==" "$log" | head -n 8 || tail -n 20 "$log"
    fi
    summary+=("$(printf '%-10s %12s executions  %8s exec/s  corpus %5s  findings %s  %s' "$target" "${runs:-0}" "${rate:-0}" "$(ls "$corpus" | wc -l)" "$findings" "$([ $code -eq 0 ] && echo ok || echo FAILED)")")
done
printf '%s\n' "${summary[@]}"
exit $status
