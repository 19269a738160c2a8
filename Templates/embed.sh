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
