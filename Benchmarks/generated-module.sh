#!/usr/bin/env bash
# Measures the generator on a catalog and the clean debug compile of what it generates.
#
#   Benchmarks/generated-module.sh            # the committed default catalog
#   Benchmarks/generated-module.sh 2000       # a scale fixture of 2,000 models
#
# Prints: generation wall time (release build of empirio), files and lines generated, and the
# clean debug compile (swiftc -Onone, batch mode, 2 jobs, as `swift build` compiles a module)
# wall time and peak memory of the generated module.
set -euo pipefail
cd "$(dirname "$0")/.."
models="${1:-}"
work="$(mktemp -d "${TMPDIR:-/tmp}/empirio-bench.XXXXXX")"
trap 'rm -rf "$work"' EXIT

swift build -c release --product empirio >/dev/null
swift build -c release --product empirio-bench >/dev/null
swift build --target EmpirioRuntime >/dev/null
release="$(swift build -c release --show-bin-path)"
debug="$(swift build --show-bin-path)"

if [ -n "$models" ]; then
    "$release/empirio-bench" scale-catalog "$models" "$work/catalog.json"
else
    cp Generated/catalog.json "$work/catalog.json"
fi

mkdir -p "$work/Sources" "$work/objects"
start=$(date +%s.%N)
"$release/empirio" generate --catalog "$work/catalog.json" --output "$work/Sources" --access-modifier public --quiet
end=$(date +%s.%N)
files=$(ls "$work/Sources" | wc -l)
lines=$(cat "$work/Sources"/*.swift | wc -l)
printf 'generation: %.2f s wall, %d files, %d lines\n' "$(echo "$end - $start" | bc)" "$files" "$lines"

cd "$work/objects"
/usr/bin/time -f 'clean debug compile: %e s wall, %M KB peak RSS (largest process)' \
    swiftc -c -Onone -g -enable-batch-mode -j 2 -parse-as-library -swift-version 6 -module-name BenchModels \
    -I "$debug/Modules" \
    "$work/Sources"/*.swift
