#!/usr/bin/env python3
"""Python side of the canonical-form property tests.

Usage: python-canon.py PATH/TO/tine_ref.py < values.json
stdin: a JSON array of values in the conformance vectors' tagged form.
stdout: a JSON array with, per value, {"canon", "sha256", "integrity", "pretty"}:
  canon      tine_ref.canon_v2(value)
  sha256     SHA-256 hex of tine_ref.canon_bytes(value)
  integrity  tine_ref.integrity_digest({"body": value, "metadata": value})  (metadata must not count)
  pretty     json.dumps(value, indent=2, sort_keys=True)  (opentine's on-disk spelling)
"""

import importlib.util
import json
import sys


def load_oracle(path):
    spec = importlib.util.spec_from_file_location("tine_ref", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    tine_ref = load_oracle(sys.argv[1])
    if hasattr(sys, "set_int_max_str_digits"):  # huge ints must print in full
        sys.set_int_max_str_digits(0)
    answers = []
    for tagged in json.load(sys.stdin):
        value = tine_ref.decode_tagged(tagged)
        answers.append({
            "canon": tine_ref.canon_v2(value),
            "sha256": tine_ref.sha256_hex(tine_ref.canon_bytes(value)),
            "integrity": tine_ref.integrity_digest({"body": value, "metadata": value}),
            "pretty": json.dumps(value, indent=2, sort_keys=True),
        })
    json.dump(answers, sys.stdout)


if __name__ == "__main__":
    main()
