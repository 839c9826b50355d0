#!/usr/bin/python3
"""Regenerates jieba-reference.jsonl.gz: Python jieba 0.42.1 (Debian python3-jieba) `jieba.cut(line, HMM=True)`
over the non-empty lines of the Simplified samples 001-004. Each output line is a JSON array of jieba's tokens;
their concatenation is the input line, so the test needs no sample file.
Usage: /usr/bin/python3 make-jieba-reference.py ../../../../shared/samples > /dev/null"""
import glob, gzip, json, os, sys
import jieba

jieba.setLogLevel(60)
samples = sys.argv[1]
here = os.path.dirname(os.path.abspath(__file__))
with gzip.open(os.path.join(here, "jieba-reference.jsonl.gz"), "wt", encoding="utf-8", compresslevel=9) as out:
    for name in ("001", "002", "003", "004"):
        path = glob.glob(os.path.join(samples, name + "_*.txt"))[0]
        with open(path, encoding="utf-8") as f:
            for line in f.read().split("\n"):
                if line.strip():
                    out.write(json.dumps(list(jieba.cut(line, HMM=True)), ensure_ascii=False) + "\n")
