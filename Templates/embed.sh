#!/usr/bin/env bash
# Compiles the templates into the generator: writes Sources/Tooling/EmpirioCodegen/DefaultTemplates.swift
# from Templates/*.mustache, so generation works from any package and any working directory.
# Run it after editing a template; a test fails while the two differ.
set -euo pipefail
cd "$(dirname "$0")/.."
out=Sources/Tooling/EmpirioCodegen/DefaultTemplates.swift
{
    echo "// Written by Templates/embed.sh from Templates/*.mustache. Do not edit: edit the templates and run the script."
    echo ""
    echo "/// The templates the generator ships with, by name (\`empirio templates export DIR\` writes them out)."
    echo "enum DefaultTemplates {"
    echo "    static let all: [String: String] = ["
    for file in Templates/*.mustache; do
        name="$(basename "$file" .mustache)"
        if grep -q '"""#' "$file"; then
            echo "embed.sh: $file contains \"\"\"#, which ends a raw string literal" >&2
            exit 1
        fi
        echo "        \"$name\": #\"\"\""
        sed 's/^/        /; s/^ *$//' "$file"
        echo ""
        echo "        \"\"\"#,"
    done
    echo "    ]"
    echo "}"
} >"$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out"

# The public type names of the runtime: what a model's type name never takes (`message` becomes
# `MessageModel`), so an app that imports both reads each name one way. Read from the sources of
# EmpirioRuntime and of every module it re-exports (`@_exported import`, recursively): this
# package's own from Sources/SDK, a dependency's from its checkout (resolve the package first).
# Only top-level declarations count (a line that starts with the declaration, after attributes):
# a nested type is reached through its parent's name, which no model takes.
names_out=Sources/Tooling/EmpirioCodegen/RuntimeTypeNames.swift
declaration='^(@[A-Za-z_]+(\([^)]*\))?[[:space:]]+)*(public|open)[[:space:]]+((final|indirect)[[:space:]]+)*(struct|enum|protocol|class|typealias|actor)[[:space:]]+[A-Za-z_][A-Za-z0-9_]*'
module_sources() {
    if [ -d "Sources/SDK/$1" ]; then
        echo "Sources/SDK/$1"
        return
    fi
    local found
    found="$(find . -maxdepth 5 -type d -path "./.build*/checkouts/*/Sources/$1" 2>/dev/null | sort | head -1)"
    if [ -z "$found" ]; then
        echo "embed.sh: no sources for $1 (re-exported by the runtime); run swift package resolve first" >&2
        exit 1
    fi
    echo "${found#./}"
}
modules=(EmpirioRuntime)
index=0
while [ "$index" -lt "${#modules[@]}" ]; do
    directory="$(module_sources "${modules[$index]}")"
    for exported in $(grep -rhoE '^@_exported[[:space:]]+import[[:space:]]+[A-Za-z_][A-Za-z0-9_]*' --include='*.swift' "$directory" | awk '{print $NF}' | sort -u); do
        case " ${modules[*]} " in *" $exported "*) ;; *) modules+=("$exported") ;; esac
    done
    index=$((index + 1))
done
{
    echo "// Written by Templates/embed.sh from the public declarations of the modules generated code imports. Do not edit: run the script."
    echo ""
    echo "extension SwiftNaming {"
    echo "    /// The top-level public and open types (structs, enums, classes, actors, protocols, typealiases) of"
    echo "    /// EmpirioRuntime and of every module it re-exports, by module, read from their sources."
    echo "    static let runtimeTypeNamesByModule: [String: [String]] = ["
    for module in $(printf '%s\n' "${modules[@]}" | LC_ALL=C sort); do
        directory="$(module_sources "$module")"
        echo "        \"$module\": ["
        grep -rhoE "$declaration" --include='*.swift' "$directory" | awk '{print $NF}' | LC_ALL=C sort -u | sed 's/.*/            "&",/'
        echo "        ],"
    done
    echo "    ]"
    echo "}"
} >"$names_out.tmp"
mv "$names_out.tmp" "$names_out"
echo "wrote $names_out"
