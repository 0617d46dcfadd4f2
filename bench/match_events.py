#!/usr/bin/env python3
"""Distinct events for the match benchmark, one JSON object per line, built from SigmaHQ's regression records in
../shared/events/sigma-regression: each record many times over with its host, process id, time and a token in its
command line changed, so no two requests are the same.

    bench/match_events.py OUT [COUNT]
"""
import json
import pathlib
import random
import sys

out = pathlib.Path(sys.argv[1])
count = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
root = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "events" / "sigma-regression"
records = []
decoder = json.JSONDecoder()
for path in sorted(root.rglob("*.json")):
    text = path.read_text(encoding="utf-8")
    i = 0
    while True:
        rest = text[i:].lstrip()
        if not rest:
            break
        obj, n = decoder.raw_decode(rest)
        i = len(text) - len(rest) + n
        records.append(obj)
rng = random.Random(7)
with out.open("w", encoding="utf-8") as f:
    for k in range(count):
        event = json.loads(json.dumps(records[k % len(records)]))
        system = event["Event"]["System"]
        data = event["Event"].get("EventData") or {}
        system["Computer"] = "host-%05d.corp.example" % rng.randrange(100000)
        system["EventRecordID"] = rng.randrange(10**9)
        if "ProcessId" in data:
            data["ProcessId"] = rng.randrange(65536)
        if isinstance(data.get("CommandLine"), str):
            data["CommandLine"] += " #%08x" % rng.randrange(2**32)
        f.write(json.dumps(event, separators=(",", ":")) + "\n")
print(f"{count} distinct events from {len(records)} regression records -> {out}")
