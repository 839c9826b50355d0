#!/usr/bin/python3
"""python3 bench_jieba.py FILE [runs] — Python jieba 0.42.1 (Debian python3-jieba), single thread: cut(HMM) and cut_for_search(HMM)."""
import os, resource, sys, time
import jieba

jieba.setLogLevel(60)
path, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1
t0 = time.perf_counter()
jieba.initialize()
list(jieba.cut("政府办公室督查督办工作", HMM=True))
startup = (time.perf_counter() - t0) * 1000
lines = open(path, encoding="utf-8").read().split("\n")
mb = os.path.getsize(path) / 1048576
for mode in ("cut", "search"):
    times, tokens = [], 0
    for _ in range(runs):
        tokens = 0
        s = time.perf_counter()
        f = jieba.cut if mode == "cut" else jieba.cut_for_search
        for l in lines:
            for _t in f(l, HMM=True):
                tokens += 1
        times.append(time.perf_counter() - s)
    times.sort()
    med = times[len(times) // 2]
    print(f"{mode} mb {mb:.1f} median_s {med:.3f} mb_per_s {mb / med:.2f} tokens {tokens}")
print(f"startup_ms {startup:.0f}")
print(f"peak_rss_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
