#!/usr/bin/env python3
"""Builds lists of distinct requests from a running Rulescope's own catalog, one file per mix.

Nothing is written by hand: rule permalinks, every ATT&CK technique with rules, indicator values as field=value
searches, title words, fields, and each of those combined with every filter all come from the catalog being
measured, so the lists grow with the corpus and are long enough that a 20 s run at a few thousand requests a second
does not ask any search twice. Usage: distinct_paths.py BASE_URL OUTPUT_DIR [MAX_PER_MIX]
"""
import concurrent.futures
import json
import random
import sys
import urllib.error
import urllib.parse
import urllib.request

base, out = sys.argv[1], sys.argv[2]
limit = int(sys.argv[3]) if len(sys.argv) > 3 else 240_000
rng = random.Random(20261123)


def get(path):
    with urllib.request.urlopen(base + path, timeout=60) as response:
        return json.load(response)


def anatomy(rule):
    """The rule's API answer; rules sharing an id answer 300 with their choices, which carry no anatomy."""
    try:
        return get(rule["permalink"].replace("/rules/", "/api/rules/", 1))
    except urllib.error.HTTPError:
        return {}


def q(text):
    return urllib.parse.quote(text, safe="")


# Every rule, through the search API's pages (100 per page, sorted by title so the walk is stable), one source at a
# time: a search pages through its first 10,000 hits only, and a 10x corpus has more rules than that.
everything = q('platform:Sigma OR -platform:Sigma')
sources = get(f"/api/search?q={everything}&size=1")["facets"]["source"]
rules = []
for source in sorted(sources):
    page = 1
    while True:
        query = q(f'source:"{source}"')
        answer = get(f"/api/search?q={query}&size=100&page={page}&sort=title")
        rules.extend(answer["hits"])
        if page * 100 >= answer["total"] or not answer["hits"]:
            break
        page += 1

techniques = sorted({t for r in rules for t in r["techniques"]})
titles = sorted({w.lower() for r in rules for w in r["title"].split() if len(w) > 3 and w.isalpha()})

# Indicator values from every rule's anatomy (the API gives field, kind and values), read four at a time.
indicator_searches = set()
indicator_pages = set()
fields = set()
with concurrent.futures.ThreadPoolExecutor(4) as pool:
    anatomies = pool.map(anatomy, rules)
    for rule in anatomies:
        for group in rule.get("indicators", []):
            fields.add(group["field"])
            for value in group["values"]:
                v = value["value"]
                if v is None or len(v) > 80 or any(c in v for c in '"\\\n'):
                    continue
                if group["kind"] in ("eq", "contains", "startswith", "endswith"):
                    pattern = {"eq": v, "contains": f"*{v}*", "startswith": f"{v}*", "endswith": f"*{v}"}[group["kind"]]
                    indicator_searches.add(f'{group["field"]}="{pattern}"')
                params = {"field": group["canonicalField"], "kind": group["kind"], "value": v}
                if group["polarity"] == "exclude":
                    params["polarity"] = "exclude"
                indicator_pages.add("/indicators?" + urllib.parse.urlencode(params))

filters = ["platform:Sigma", "platform:Splunk", "status:production", "status:test", "status:experimental",
           "severity:high", "severity:medium", "severity:low", "source:escu", "source:sigma", "modified:>=2025-01-01",
           "-platform:Sigma", "tactic:execution", "tactic:persistence", "tactic:defense-evasion"]
plain = sorted(set(techniques) | {f"technique:{t}" for t in techniques} | indicator_searches | set(titles))
# A search alone first, then combined with each filter: every user narrows differently.
searches = plain + [f"{s} {f}" for s in plain for f in filters]
rng.shuffle(searches)
matrix = [f"/attack?q={q(s)}" for s in [f"tactic:{t}" for t in ["execution", "persistence"]] + filters + searches]

mixes = {
    "api-search": [f"/api/search?q={q(s)}" for s in searches],
    "search-page": [f"/search?q={q(s)}" for s in searches],
    "rules": [r["permalink"] for r in rules],
    "matrix": matrix,
    "indicators": sorted(indicator_pages),
    "techniques": [f"/techniques/{t}" for t in techniques],
    "fields": [f"/fields?name={q(f)}" if "/" in f else f"/fields/{q(f)}" for f in sorted(fields)],
}
for name, paths in mixes.items():
    paths = list(dict.fromkeys(paths))[:limit]
    rng.shuffle(paths)
    with open(f"{out}/{name}.txt", "w") as f:
        f.write("\n".join(paths) + "\n")
    print(f"{name}: {len(paths)} distinct paths")

# Broad searches an abusive client sends: 64 two-letter wildcards each (within the parser's limits), every one
# different, so no answer cache helps; the server must bound what they cost.
letters = "abcdefghijklmnopqrstuvwxyz"
hostile = []
for i in range(2000):
    terms = [f"*{rng.choice(letters)}{rng.choice(letters)}*" for _ in range(64)]
    hostile.append(f"/api/search?q={q(' OR '.join(terms))}&page={1 + i % 5}")
with open(f"{out}/hostile.txt", "w") as f:
    f.write("\n".join(hostile) + "\n")
print(f"hostile: {len(hostile)} distinct broad searches")
