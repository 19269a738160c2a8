#!/usr/bin/env bash
# Formats the project's Swift sources with the toolchain's swift-format and `.swift-format`
# (4-space indent, 120 columns), or with --lint checks them without writing (CI runs that;
# any finding fails it).
#
# Left out, on purpose: Generated/ (the generator's output, whose shape the templates decide and
# `generate --check` guards), test fixtures and reference outputs (inputs kept byte for byte),
# the fuzz regressions, and DefaultTemplates.swift (written by Templates/embed.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

files=()
while IFS= read -r file; do files+=("$file"); done < <(
    git ls-files --cached --others --exclude-standard -- '*.swift' |
        grep -v -E '^Generated/|/Fixtures/|/Reference/|/Regressions/|^Sources/Tooling/EmpirioCodegen/DefaultTemplates\.swift$' |
        while IFS= read -r file; do [ -f "$file" ] && echo "$file"; done
)

case "${1:-}" in
    --lint)
        swift-format lint --strict --parallel --configuration .swift-format "${files[@]}"
        echo "format: ${#files[@]} files lint clean"
        ;;
    "")
        swift-format format --in-place --parallel --configuration .swift-format "${files[@]}"
        echo "format: ${#files[@]} files formatted"
        ;;
    *)
        echo "usage: Scripts/format.sh [--lint]" >&2
        exit 2
        ;;
esac
