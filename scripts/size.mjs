// Measures what partners download: raw, gzip -9 and brotli -q 11 bytes of
// each shipped file of pkg/, for the npm (ESM) path and the script-tag path.
// `--budget` fails when the npm path's gzip total (wasm + JS, no .d.ts or
// package.json) is over BUDGET_GZIP bytes: issue 6's budget, which
// `make test` checks; it also fails when the README's "Size and performance"
// table no longer quotes the figures measured. `--max N` checks against N
// bytes instead (to try a tighter limit). `--json` prints the figures as JSON.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

// "At most 25 KB", read the strict way: 25,000 bytes (not 25 KiB).
export const BUDGET_GZIP = 25_000;
const pkg = new URL('../pkg/', import.meta.url).pathname;
const readme = new URL('../README.md', import.meta.url).pathname;

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function measure(path) {
  const bytes = readFileSync(path);
  return {
    file: relative(pkg, path),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

const total = (rows) =>
  rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });

export function sizes() {
  const shipped = files(pkg).filter((p) => /\.(js|wasm)$/.test(p)).map(measure);
  const isGlobal = (r) => r.file === 'vivomeetings-embed.global.js';
  const wasm = shipped.filter((r) => r.file.endsWith('.wasm'));
  const npm = shipped.filter((r) => !isGlobal(r));
  const script = [...shipped.filter(isGlobal), ...wasm];
  return { npm: { files: npm, total: total(npm) }, script: { files: script, total: total(script) } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = sizes();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(s, null, 2));
  } else {
    for (const [name, part] of [['npm package (ESM)', s.npm], ['script-tag bundle', s.script]]) {
      console.log(name);
      for (const r of part.files) console.log(`  ${r.file.padEnd(62)} ${String(r.raw).padStart(7)} ${String(r.gzip).padStart(7)} ${String(r.brotli).padStart(7)}`);
      const t = part.total;
      console.log(`  ${'total (raw / gzip -9 / brotli -q 11)'.padEnd(62)} ${String(t.raw).padStart(7)} ${String(t.gzip).padStart(7)} ${String(t.brotli).padStart(7)}`);
    }
  }
  const budget = process.argv.includes('--budget');
  const max = budget
    ? BUDGET_GZIP
    : process.argv.includes('--max')
      ? Number(process.argv[process.argv.indexOf('--max') + 1])
      : undefined;
  if (max !== undefined) {
    if (!Number.isInteger(max) || max <= 0) throw new Error('--max takes a whole number of bytes');
    const gz = s.npm.total.gzip;
    const verdict = gz <= max ? 'within' : 'OVER';
    console.log(`size: npm package ${gz} B gzip -9, limit ${max} B (budget ${BUDGET_GZIP} B): ${verdict}`);
    if (gz > max) process.exit(1);
  }
  if (budget) {
    const stale = readmeMismatches(s, readFileSync(readme, 'utf8'));
    for (const m of stale) console.log(`size: README.md is out of date: ${m}`);
    if (stale.length) process.exit(1);
  }
}

/**
 * What the README's size table says that the measurement does not: its rows
 * `| npm package: … | raw B | **gzip B** | brotli B |` and `| script tag: … |`,
 * and every "`file` (N B)" in them.
 */
export function readmeMismatches(s, text) {
  const out = [];
  const n = (x) => x.toLocaleString('en-US');
  // The npm row's gzip figure, the budgeted one, is in bold.
  for (const [prefix, part, bold] of [['npm package:', s.npm, '**'], ['script tag:', s.script, '']]) {
    const row = text.split('\n').find((l) => l.startsWith(`| ${prefix}`));
    if (!row) {
      out.push(`no "| ${prefix}" row`);
      continue;
    }
    const t = part.total;
    const want = `| ${n(t.raw)} B | ${bold}${n(t.gzip)} B${bold} | ${n(t.brotli)} B |`;
    if (!row.endsWith(want)) out.push(`the "${prefix}" row should end with "${want}"`);
    for (const [, file, raw] of row.matchAll(/`([^`]+)` \(([\d,]+) B\)/g)) {
      const f = part.files.find((r) => r.file === file);
      if (!f) out.push(`the "${prefix}" row names ${file}, which is not shipped`);
      else if (raw !== n(f.raw)) out.push(`${file} is ${n(f.raw)} B, the README says ${raw} B`);
    }
  }
  return out;
}
