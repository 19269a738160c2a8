"""Reads a YAML file with PyYAML's safe_load (YAML 1.1) and a JSON file with json.load, and says
whether they hold the same tree: the same strings, booleans and nulls with the same types, numbers
equal as values (an integer and a float of the same value are equal; NaN equals NaN), the same
keys. Prints `same`, or up to 20 differences with their paths, and exits 1.

Usage: python3 yaml_equals_json.py FILE.yaml FILE.json
"""
import json
import math
import sys

import yaml

differences = []


def same(got, want, path):
    if len(differences) >= 20:
        return
    if isinstance(want, bool) or want is None or isinstance(want, str):
        if type(got) is not type(want) or got != want:
            differences.append(f"{path}: YAML read {got!r}, JSON has {want!r}")
    elif isinstance(want, (int, float)):
        numeric = isinstance(got, (int, float)) and not isinstance(got, bool)
        if not numeric or not (got == want or (math.isnan(got) and math.isnan(want))):
            differences.append(f"{path}: YAML read {got!r}, JSON has {want!r}")
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            differences.append(f"{path}: YAML read {got!r:.200}, JSON has a list of {len(want)}")
            return
        for index, (item, expected) in enumerate(zip(got, want)):
            same(item, expected, f"{path}[{index}]")
    else:
        if not isinstance(got, dict):
            differences.append(f"{path}: YAML read {got!r:.200}, JSON has an object")
            return
        for key in got:
            if key not in want:
                differences.append(f"{path}: YAML has the key {key!r} ({type(key).__name__}), JSON does not")
        for key, expected in want.items():
            if key in got:
                same(got[key], expected, f"{path}[{key!r}]")
            else:
                differences.append(f"{path}: JSON has the key {key!r}, YAML does not")


with open(sys.argv[1], encoding="utf-8") as file:
    from_yaml = yaml.safe_load(file)
with open(sys.argv[2], encoding="utf-8") as file:
    from_json = json.load(file)
same(from_yaml, from_json, "$")
print("\n".join(differences) if differences else "same")
sys.exit(1 if differences else 0)
