#!/usr/bin/env bash
# Builds the two benchmark corpora in bench/analyzer/out/ (git-ignored):
#   simplified.txt  — the Simplified samples 001–004 (../shared/samples), repeated to ≥ 20 MB
#   traditional.txt — ≥ 50 MB of Traditional poems from npm chinese-poetry@2.0.1 (全唐诗/全宋诗, one poem per line)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
samples="${SAMPLES:-$here/../../../shared/samples}"
[ -d "$samples" ] || samples=/work/shared/samples
out="$here/out"
mkdir -p "$out"
if [ ! -s "$out/simplified.txt" ]; then
  cat "$samples"/00[1-4]_*.txt > "$out/one.txt"
  : > "$out/simplified.txt"
  while [ "$(stat -c %s "$out/simplified.txt")" -lt $((20 * 1024 * 1024)) ]; do cat "$out/one.txt" >> "$out/simplified.txt"; done
  rm "$out/one.txt"
fi
if [ ! -s "$out/traditional.txt" ]; then
  (cd "$out" && npm pack --silent chinese-poetry@2.0.1 >/dev/null && mkdir -p poetry && tar xzf chinese-poetry-2.0.1.tgz -C poetry --strip-components=1)
  /usr/bin/python3 - "$out/poetry/dist/quantangshi" "$out/traditional.txt" <<'PY'
import glob, json, sys
src, dst = sys.argv[1], sys.argv[2]
limit = 50 * 1024 * 1024 + 1024 * 1024
size = 0
with open(dst, "w", encoding="utf-8") as out:
    for path in sorted(glob.glob(src + "/poet.*.json")):
        for poem in json.load(open(path, encoding="utf-8")):
            line = (poem.get("title") or "") + " " + "".join(poem.get("paragraphs") or [])
            line = line.replace("\n", "") + "\n"
            out.write(line)
            size += len(line.encode("utf-8"))
        if size >= limit:
            break
PY
  rm -rf "$out/poetry" "$out/chinese-poetry-2.0.1.tgz"
fi
ls -la "$out"/*.txt
