#!/usr/bin/python3
"""Parses Prometheus text format (from the file named, else stdin) with prometheus_client's own parser (Debian's
python3-prometheus-client) and prints every sample as one JSON object:
{"name{label=\"value\",…}": value, …}, labels sorted. A text the parser refuses exits 1."""
import json, sys
from prometheus_client.parser import text_string_to_metric_families

samples = {}
text = open(sys.argv[1]).read() if len(sys.argv) > 1 else sys.stdin.read()
for family in text_string_to_metric_families(text):
    for sample in family.samples:
        labels = ",".join(f'{key}="{value}"' for key, value in sorted(sample.labels.items()))
        samples[sample.name + ("{" + labels + "}" if labels else "")] = sample.value
print(json.dumps(samples, sort_keys=True))
