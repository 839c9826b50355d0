#!/usr/bin/env bash
# Analyzer benchmark: our ChineseAnalyzer beside @node-rs/jieba (Rust) and Python jieba 0.42.1, run back to back on the
# same files, single-threaded. Prints raw lines and writes a Markdown summary to bench/analyzer/out/summary.md.
#   RUNS (default 5) runs per measurement for us and @node-rs/jieba (median reported); Python runs PY_RUNS (default 1).
# Needs: dotnet, node + npm, /usr/bin/python3 with python3-jieba (apt-get install python3-jieba).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
RUNS="${RUNS:-5}"
PY_RUNS="${PY_RUNS:-1}"
"$here/prepare.sh" >/dev/null
(cd "$here/node" && [ -d node_modules/@node-rs/jieba ] || npm install --no-audit --no-fund >/dev/null)
dotnet build "$root/bench/Portal.Bench" -c Release -v q -nologo >/dev/null
bench="$root/bench/Portal.Bench/bin/Release/net10.0/Portal.Bench"
results="$out/results.txt"
: > "$results"
log() { echo "$*" | tee -a "$results"; }

log "# $(date -u '+%Y-%m-%d %H:%M UTC') $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$RUNS"); do log "ours startup $("$bench" startup | tr '\n' ' ')"; done
for corpus in simplified traditional; do
  f="$out/$corpus.txt"
  log "## $corpus $(stat -c %s "$f") bytes"
  /usr/bin/time -f "ours max_rss_kb %M" -o "$out/time.txt" "$bench" throughput "$f" "$RUNS" | sed "s/^/ours $corpus /" | tee -a "$results"
  sed "s/^/$corpus /" "$out/time.txt" | tee -a "$results"
  node "$here/node/bench.mjs" "$f" "$RUNS" | sed "s/^/noders $corpus /" | tee -a "$results"
  /usr/bin/python3 "$here/bench_jieba.py" "$f" "$PY_RUNS" | sed "s/^/python $corpus /" | tee -a "$results"
done

/usr/bin/python3 - "$results" > "$out/summary.md" <<'PY'
import re, statistics, sys
rows = {}
startup = []
startup_cpu = []
rss = {}
for line in open(sys.argv[1], encoding="utf-8"):
    p = line.split()
    if line.startswith("ours startup"):
        startup.append(int(p[p.index("startup_ms") + 1]))
        startup_cpu.append(int(p[p.index("cpu_ms") + 1]))
    elif len(p) > 3 and p[0] in ("ours", "noders", "python") and p[2] in ("cut", "search"):
        rows[(p[0], p[1], p[2])] = float(p[p.index("mb_per_s") + 1])
    elif len(p) > 3 and p[1] == "ours" and p[2] == "max_rss_kb":
        rss[p[0]] = int(p[3]) / 1024
    elif len(p) > 2 and p[0] in ("noders", "python") and p[2] in ("startup_ms", "peak_rss_mb"):
        rows[(p[0], p[1], p[2])] = float(p[3])
names = {"ours": "Portal ChineseAnalyzer (.NET 10)", "noders": "@node-rs/jieba 2.0.3 (Rust)", "python": "Python jieba 0.42.1"}
print("| Corpus | Mode | " + " | ".join(names.values()) + " | ours ÷ @node-rs | ours ÷ Python |")
print("|---|---|---|---|---|---|---|")
for corpus in ("simplified", "traditional"):
    for mode in ("cut", "search"):
        v = [rows.get((k, corpus, mode)) for k in names]
        fmt = lambda x: f"{x:.2f} MB/s" if x else "—"
        r1 = f"{v[0] / v[1]:.2f}×" if v[0] and v[1] else "—"
        r2 = f"{v[0] / v[2]:.1f}×" if v[0] and v[2] else "—"
        print(f"| {corpus} | {mode} | " + " | ".join(fmt(x) for x in v) + f" | {r1} | {r2} |")
print()
if startup:
    print(f"- Start-up (dictionary load to first token, separate process, median of {len(startup)}): **{statistics.median(startup):.0f} ms** wall (runs: {', '.join(map(str, startup))}), **{statistics.median(startup_cpu):.0f} ms** CPU")
for corpus, mb in rss.items():
    print(f"- Peak memory (max RSS of the whole benchmark process, {corpus} corpus): **{mb:.0f} MB**")
for k in ("noders", "python"):
    s = rows.get((k, "simplified", "startup_ms")); m = rows.get((k, "traditional", "peak_rss_mb"))
    if s: print(f"- {names[k]}: start-up {s:.0f} ms, peak RSS {m:.0f} MB")
PY
cat "$out/summary.md"
