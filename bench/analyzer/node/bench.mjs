// node bench.mjs FILE [runs] — @node-rs/jieba, single thread: cut (HMM) and cutForSearch (HMM) over FILE's lines.
import { readFileSync, statSync } from 'node:fs';
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

const [file, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 5);
const t0 = process.hrtime.bigint();
const jieba = Jieba.withDict(dict);
jieba.cut('政府办公室督查督办工作', true);
const startupMs = Number(process.hrtime.bigint() - t0) / 1e6;
const lines = readFileSync(file, 'utf8').split('\n');
const mb = statSync(file).size / 1048576;
for (const mode of ['cut', 'search']) {
  const times = [];
  let tokens = 0;
  for (let r = 0; r < runs; r++) {
    tokens = 0;
    const s = process.hrtime.bigint();
    for (const l of lines) tokens += (mode === 'cut' ? jieba.cut(l, true) : jieba.cutForSearch(l, true)).length;
    times.push(Number(process.hrtime.bigint() - s) / 1e9);
  }
  times.sort((a, b) => a - b);
  const med = times[Math.floor(times.length / 2)];
  console.log(`${mode} mb ${mb.toFixed(1)} median_s ${med.toFixed(3)} mb_per_s ${(mb / med).toFixed(2)} tokens ${tokens}`);
}
console.log(`startup_ms ${startupMs.toFixed(0)}`);
console.log(`peak_rss_mb ${(process.resourceUsage().maxRSS / 1024).toFixed(0)}`);
