#!/usr/bin/env bash
# A first run, side by side, from clean: an app that calls three models, built with this package
# (the generate-bindings plugin's first run, then `swift build`) and with swift-openapi-generator's
# build plugin, swift-openapi-runtime and its URLSession transport (the same three operations in
# their OpenAPI form, exported by `empirio openapi`). Each app starts from an empty scratch
# folder, so package resolution, the tools and every dependency are built inside the timing.
#
#   Benchmarks/first-run.sh [RUNS]              # default 1 run each, alternating
#   Benchmarks/first-run.sh --ours-only [RUNS]  # this package's app alone, with where its time goes
#
# Prints wall and CPU (user + sys) seconds per app and the ratio. Needs the offline package
# mirror (or the network) for swift-openapi-generator 1.14.3, swift-openapi-runtime 1.13.4 and
# swift-openapi-urlsession 1.4.0. The figures move with the machine's load: run it on an idle
# machine and read the CPU figures beside the wall ones.
set -euo pipefail
cd "$(dirname "$0")/.."
checkout="$(pwd)"
ours_only=false
# The app links EmpirioURLSession alone and never runs `empirio`, so it turns the package's traits
# off, as the README suggests for such an app; EMPIRIO_TRAITS=.defaults measures it with them on.
traits="[${EMPIRIO_TRAITS:-}]"
if [ "${1:-}" = "--ours-only" ]; then ours_only=true; shift; fi
runs="${1:-1}"
work="$(mktemp -d "${TMPDIR:-/tmp}/empirio-first-run.XXXXXX")"
[ -n "${EMPIRIO_KEEP_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
models=(deepseek-v4-pro wan2-7-image qwen3-rerank)

python3 - "$checkout/Generated/catalog.json" "$work/catalog.json" "${models[@]}" <<'PY'
import json, sys
catalog = json.load(open(sys.argv[1]))
ids = set(sys.argv[3:])
json.dump({"object": "list", "data": [m for m in catalog["data"] if m["id"] in ids]}, open(sys.argv[2], "w"), indent=1)
PY
if ! $ours_only; then
    swift build --product empirio >/dev/null
    .build/debug/empirio openapi "$work/catalog.json" -o "$work/openapi-full.json" >/dev/null
    python3 - "$work/openapi-full.json" "$work/openapi.json" <<'PY'
import json, sys
document = json.load(open(sys.argv[1]))
keep = {"chatCompletions_DeepseekV4Pro", "imageGenerations_Wan2_7Image", "reranks_Qwen3Rerank"}
paths = {}
for path, item in document["paths"].items():
    if item["post"]["operationId"] in keep:
        paths[path.split("#")[0]] = item  # one operation per path here: the fragment is not needed
document["paths"] = paths
json.dump(document, open(sys.argv[2], "w"), indent=1)
PY
fi

empirio_app() {  # DIR
    local dir="$1"
    mkdir -p "$dir/Sources/App"
    cp "$work/catalog.json" "$dir/catalog.json"
    cat >"$dir/Package.swift" <<MANIFEST
// swift-tools-version: 6.1
import PackageDescription
let package = Package(
    name: "App",
    platforms: [.macOS(.v13), .iOS(.v16)],
    dependencies: [.package(name: "empirio-swift", path: "$checkout", traits: $traits)],
    targets: [
        .executableTarget(
            name: "App",
            dependencies: [
                .product(name: "EmpirioRuntime", package: "empirio-swift"),
                .product(name: "EmpirioURLSession", package: "empirio-swift"),
            ],
            exclude: ["empirio-config.yaml"])
    ]
)
MANIFEST
    { echo "catalog: ../../catalog.json"; echo "models:"; for m in "${models[@]}"; do echo "  - $m"; done; } >"$dir/Sources/App/empirio-config.yaml"
    cat >"$dir/Sources/App/App.swift" <<'SWIFT'
import EmpirioRuntime
import EmpirioURLSession

@main
struct App {
    static func main() async throws {
        let client = EmpirioClient(transport: URLSessionTransport())
        let reply = try await client.chat(DeepseekV4Pro.self, messages: [.user("What is a CRDT?")], parameters: .init(temperature: 0.7))
        print(reply.text ?? "")
        let images = try await client.generateImages(Wan2_7Image.self, parameters: .init(prompt: "A glass cathedral", numImages: 2))
        print(images.media.count)
        let ranked = try await client.rerank(Qwen3Rerank.self, parameters: .init(query: "fjord", documents: ["a fjord", "a desert"]))
        print(ranked.results.count)
    }
}
SWIFT
}

openapi_app() {  # DIR
    local dir="$1"
    mkdir -p "$dir/Sources/App"
    cp "$work/openapi.json" "$dir/Sources/App/openapi.json"
    printf 'generate:\n  - types\n  - client\naccessModifier: internal\n' >"$dir/Sources/App/openapi-generator-config.yaml"
    cat >"$dir/Package.swift" <<'MANIFEST'
// swift-tools-version: 6.1
import PackageDescription
let package = Package(
    name: "App",
    platforms: [.macOS(.v13), .iOS(.v16)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4"),
        .package(url: "https://github.com/apple/swift-openapi-urlsession", exact: "1.4.0"),
    ],
    targets: [
        .executableTarget(
            name: "App",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIURLSession", package: "swift-openapi-urlsession"),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")])
    ]
)
MANIFEST
    cat >"$dir/Sources/App/App.swift" <<'SWIFT'
import Foundation
import OpenAPIRuntime
import OpenAPIURLSession

@main
struct App {
    /// A request body read from JSON, as the app would build it.
    static func body<T: Decodable>(_ json: String) throws -> T { try JSONDecoder().decode(T.self, from: Data(json.utf8)) }

    static func main() async throws {
        let client = Client(serverURL: try Servers.Server1.url(), transport: URLSessionTransport())
        let reply = try await client.chatCompletions_DeepseekV4Pro(
            .init(body: .json(try body(#"{"model":"deepseek-v4-pro","messages":[{"role":"user","content":"What is a CRDT?"}],"temperature":0.7}"#))))
        print(reply)
        let images = try await client.imageGenerations_Wan2_7Image(.init(body: .json(try body(#"{"model":"wan2-7-image","prompt":"A glass cathedral","num_images":2}"#))))
        print(images)
        let ranked = try await client.reranks_Qwen3Rerank(.init(body: .json(try body(#"{"model":"qwen3-rerank","query":"fjord","documents":["a fjord","a desert"]}"#))))
        print(ranked)
    }
}
SWIFT
}

timed() {  # LABEL COMMAND...: appends "wall user sys" to $work/LABEL.times
    local label="$1"; shift
    /usr/bin/time -f "%e %U %S" -o "$work/last.time" "$@" >"$work/$label.log" 2>&1 || { echo "$label failed:"; tail -30 "$work/$label.log"; exit 1; }
    cat "$work/last.time" >>"$work/$label.times"
}

for run in $(seq 1 "$runs"); do
    rm -rf "$work/empirio-app" "$work/openapi-app"
    empirio_app "$work/empirio-app"
    (cd "$work/empirio-app" && timed empirio-plugin swift package --allow-writing-to-package-directory generate-bindings && timed empirio-build swift build)
    if $ours_only; then continue; fi
    openapi_app "$work/openapi-app"
    (cd "$work/openapi-app" && timed openapi-build swift build)
done

if $ours_only; then
    python3 - "$work" <<'PY'
import sys, statistics
work = sys.argv[1]
rows = {name: [list(map(float, line.split())) for line in open(f"{work}/{name}.times")] for name in ("empirio-plugin", "empirio-build")}
m = statistics.median
for name, label in (("empirio-plugin", "plugin first run"), ("empirio-build", "app build")):
    print(f"{label}: {m(r[0] for r in rows[name]):.1f} s wall, {m(r[1] + r[2] for r in rows[name]):.1f} s CPU")
total = [a[0] + b[0] for a, b in zip(rows["empirio-plugin"], rows["empirio-build"])]
print(f"empirio-swift: {m(total):.1f} s wall (medians of {len(total)} run(s))")
PY
    echo "modules the plugin run compiled:"; grep -o "Compiling [A-Za-z_-]*" "$work/empirio-plugin.log" | sort | uniq -c | sort -rn | head -20
    echo "modules the app build compiled:"; grep -o "Compiling [A-Za-z_-]*" "$work/empirio-build.log" | sort | uniq -c | sort -rn | head -20
    exit 0
fi

python3 - "$work" <<'PY'
import sys, statistics
work = sys.argv[1]
def read(name):
    rows = [list(map(float, line.split())) for line in open(f"{work}/{name}.times")]
    return [r[0] for r in rows], [r[1] + r[2] for r in rows]
plugin_wall, plugin_cpu = read("empirio-plugin")
build_wall, build_cpu = read("empirio-build")
openapi_wall, openapi_cpu = read("openapi-build")
empirio_wall = [a + b for a, b in zip(plugin_wall, build_wall)]
empirio_cpu = [a + b for a, b in zip(plugin_cpu, build_cpu)]
m = statistics.median
print(f"empirio-swift: {m(empirio_wall):.1f} s wall ({m(plugin_wall):.1f} s plugin first run + {m(build_wall):.1f} s app build), {m(empirio_cpu):.1f} s CPU")
print(f"swift-openapi-generator 1.14.3: {m(openapi_wall):.1f} s wall, {m(openapi_cpu):.1f} s CPU")
print(f"ratio: {m(empirio_wall) / m(openapi_wall):.2f} of the wall time, {m(empirio_cpu) / m(openapi_cpu):.2f} of the CPU time (medians of {len(empirio_wall)} run(s))")
for run, (ew, ow, ec, oc) in enumerate(zip(empirio_wall, openapi_wall, empirio_cpu, openapi_cpu), 1):
    print(f"  run {run}: {ew:.1f} s against {ow:.1f} s wall ({ew / ow:.2f}), {ec:.1f} s against {oc:.1f} s CPU ({ec / oc:.2f})")
PY
