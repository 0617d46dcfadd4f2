#!/usr/bin/env python3
"""Writes SCALE copies of the given rule directories into OUT, each copy with fresh rule ids, so ingest can be
measured on a catalog SCALE times larger. Ids are derived (uuid5) from the copy number and the original id, so the
generated corpus is the same on every run.

usage: scale_corpus.py SCALE OUT DIR [DIR ...]
"""
import os
import re
import sys
import uuid

ID_LINE = re.compile(r"^(id:\s*)(['\"]?)([^'\"\s#]+)(['\"]?)", re.MULTILINE)
# Elastic's TOML rules: rule_id = "..."
RULE_ID_LINE = re.compile(r'^(rule_id\s*=\s*)(["\'])([^"\']+)(["\'])', re.MULTILINE)


def main():
    scale, out, dirs = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
    for copy in range(scale):
        for src in dirs:
            name = os.path.basename(os.path.normpath(src))
            target_root = os.path.join(out, f"{name}_{copy}")
            for folder, _, files in os.walk(src):
                rel = os.path.relpath(folder, src)
                for f in files:
                    if not f.endswith((".yml", ".yaml", ".toml")):
                        continue
                    with open(os.path.join(folder, f), "rb") as handle:
                        data = handle.read()
                    if copy > 0:
                        text = data.decode("utf-8", errors="surrogateescape")
                        fresh = lambda m: m.group(1) + m.group(2) + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{copy}:{m.group(3)}")) + m.group(4)
                        text = ID_LINE.sub(fresh, text)
                        text = RULE_ID_LINE.sub(fresh, text)
                        data = text.encode("utf-8", errors="surrogateescape")
                    os.makedirs(os.path.join(target_root, rel), exist_ok=True)
                    with open(os.path.join(target_root, rel, f), "wb") as handle:
                        handle.write(data)
            # Keep the layout markers that tell a source's web home (security_content has detections/ and macros/).
            for marker in ("detections", "macros", "rules", "rules-emerging-threats"):
                if os.path.isdir(os.path.join(src, marker)):
                    os.makedirs(os.path.join(target_root, marker), exist_ok=True)


if __name__ == "__main__":
    main()
