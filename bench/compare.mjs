#!/usr/bin/env node
// Compares two bench results: node bench/compare.mjs [OLD.json [NEW.json]]
// Without arguments: the two newest bench/results/<date-time>.json files.
// With one: that file against bench/results/latest.json.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const results = join(dirname(fileURLToPath(import.meta.url)), 'results');
const stamped = () =>
  readdirSync(results)
    .filter((f) => /^\d{8}T\d{6}Z\.json$/.test(f))
    .sort()
    .map((f) => join(results, f));

let [oldPath, newPath] = process.argv.slice(2);
if (!oldPath) {
  const all = stamped();
  if (all.length < 2) {
    console.error('compare: need two results in bench/results/ (run `make bench` twice) or give two files');
    process.exit(1);
  }
  [oldPath, newPath] = all.slice(-2);
}
newPath ??= join(results, 'latest.json');
const [a, b] = [oldPath, newPath].map((p) => JSON.parse(readFileSync(p, 'utf8')));

// [label, getter, unit]. Results before schema 2 call the browser path `npm`.
const browser = (r) => r.sizes.browser ?? r.sizes.npm;
const rows = [
  ['browser entry + wasm, gzip -9 total', (r) => browser(r).total.gzip, 'B'],
  ['browser entry + wasm, brotli -q 11 total', (r) => browser(r).total.brotli, 'B'],
  ['browser entry + wasm, raw total', (r) => browser(r).total.raw, 'B'],
  ['script-tag bundle, gzip -9 total', (r) => r.sizes.script.total.gzip, 'B'],
  ['node entry, gzip -9', (r) => r.sizes.node.total.gzip, 'B'],
  ['server entry, gzip -9', (r) => r.sizes.server.total.gzip, 'B'],
  ['custom elements, gzip -9', (r) => r.sizes.element.total.gzip, 'B'],
  ...['npm', 'script', 'baseline', 'daily', 'whereby'].flatMap((k) => [
    [`time to iframe, ${k}, median`, (r) => r.timeToIframe.variants[k].median, 'ms'],
    ...(k === 'baseline' ? [] : [[`time to iframe, ${k}, × baseline`, (r) => r.timeToIframe.variants[k].ratio, '×']]),
  ]),
  ...['npm', 'script', 'baseline', 'daily', 'whereby', 'npmPreload', 'npmFetch', 'scriptPreload', 'inline'].flatMap((k) => [
    [`emulated network, ${k}, median`, (r) => r.network.variants[k].median, 'ms'],
    ...(k === 'baseline' ? [] : [[`emulated network, ${k}, × baseline`, (r) => r.network.variants[k].ratio, '×']]),
  ]),
  ['meeting URL, library', (r) => r.meetingUrl.lib.nsPerCall, 'ns'],
  ['meeting URL, baseline', (r) => r.meetingUrl.baseline.nsPerCall, 'ns'],
  ['meeting URL, × baseline', (r) => r.meetingUrl.ratio, '×'],
  ['wasm memory after the first cycles', (r) => r.memory.first.wasm, 'B'],
  ['wasm memory after all cycles', (r) => r.memory.last.wasm, 'B'],
  ['JS heap growth, first → all cycles', (r) => r.memory.last.heap - r.memory.first.heap, 'B'],
];

const fmt = (x, unit) => (x === undefined || Number.isNaN(x) ? '—' : unit === '×' ? x.toFixed(2) : unit === 'ms' ? x.toFixed(1) : Math.round(x).toLocaleString('en-US'));
const get = (fn, r) => {
  try {
    return fn(r);
  } catch {
    return undefined;
  }
};
console.log(`old: ${basename(oldPath)}  ${a.git?.commit ?? ''}${a.git?.dirty ? ' (dirty)' : ''}  ${a.chromium ?? ''}`);
console.log(`new: ${basename(newPath)}  ${b.git?.commit ?? ''}${b.git?.dirty ? ' (dirty)' : ''}  ${b.chromium ?? ''}`);
console.log(`${'figure'.padEnd(48)} ${'old'.padStart(10)} ${'new'.padStart(10)} ${'change'.padStart(9)}`);
for (const [label, fn, unit] of rows) {
  const x = get(fn, a);
  const y = get(fn, b);
  const change = x && y !== undefined ? `${y >= x ? '+' : ''}${(((y - x) / Math.abs(x)) * 100).toFixed(1)}%` : '';
  console.log(`${`${label} (${unit})`.padEnd(48)} ${fmt(x, unit).padStart(10)} ${fmt(y, unit).padStart(10)} ${change.padStart(9)}`);
}
