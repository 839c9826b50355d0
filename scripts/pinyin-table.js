// Writes the character → pinyin table embedded as Portal.Indexing/Analysis/Data/pinyin.txt.gz (see
// scripts/update-analyzer-data.sh). Usage: node pinyin-table.js <extracted pinyin-pro package dir> > pinyin.txt
// One line per character: the character, then its readings without tones, most frequent first, separated by spaces
// (ü written v and ê written e, as pinyin input methods type them). Characters pinyin-pro does not know are left out.
'use strict';
const { pinyin } = require(require('path').resolve(process.argv[2], 'dist/index.js'));
const ranges = [[0x3007, 0x3007], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];
const lines = [];
for (const [from, to] of ranges) {
  for (let cp = from; cp <= to; cp++) {
    const ch = String.fromCodePoint(cp);
    const readings = pinyin(ch, { multiple: true, toneType: 'none', type: 'array' })
      .map(r => r.toLowerCase().replace(/ü/g, 'v').replace(/ê/g, 'e'))
      .filter(r => /^[a-z]+$/.test(r));
    if (readings.length === 0) continue;
    lines.push(ch + ' ' + [...new Set(readings)].join(' '));
  }
}
process.stdout.write(lines.join('\n') + '\n');
