// Measures what each kind of user downloads or installs: raw, gzip -9 and
// brotli -q 11 bytes of pkg/'s shipped files, per path:
//   browser   index.js + the browser wasm (the npm entry a page loads: embeds,
//             events, SSO, OAuth) — the budgeted figure;
//   script    vivomeetings-embed.global.js + the browser wasm;
//   node      node.js (servers building links; the wasm inline);
//   server    server.js (vivomeetings-embed/server, its wasm inline);
//   element   element.js, the custom elements' own JS over the browser entry.
// `--budget` fails when the browser path is over BUDGET_GZIP bytes gzip -9
// (`make test` runs it); `--max N` checks against N bytes instead; `--json`
// prints the figures (`make bench` records them; the README quotes a run).
import { readFileSync } from 'node:fs';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

// "At most 25 KB", read the strict way: 25,000 bytes (not 25 KiB).
export const BUDGET_GZIP = 25_000;
const pkg = new URL('../pkg/', import.meta.url).pathname;
const WASM = 'vivomeetings_embed_bg.wasm';

/** The files of each path. */
export const PATHS = {
  browser: ['index.js', WASM],
  script: ['vivomeetings-embed.global.js', WASM],
  node: ['node.js'],
  server: ['server.js'],
  element: ['element.js'],
};

function measure(file) {
  const bytes = readFileSync(pkg + file);
  return {
    file,
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

/** `{ browser: { files, total }, script: …, node: …, server: … }`. */
export function sizes() {
  const out = {};
  for (const [path, files] of Object.entries(PATHS)) {
    const rows = files.map(measure);
    out[path] = { files: rows, total: total(rows) };
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const s = sizes();
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(s, null, 2));
  } else {
    const row = (label, r) =>
      console.log(`  ${label.padEnd(40)} ${String(r.raw).padStart(7)} ${String(r.gzip).padStart(7)} ${String(r.brotli).padStart(7)}`);
    for (const [path, part] of Object.entries(s)) {
      console.log(`${path}${' '.repeat(40 - path.length)}     raw gzip-9 brotli`);
      for (const r of part.files) row(r.file, r);
      row('total', part.total);
    }
  }
  const max = process.argv.includes('--budget')
    ? BUDGET_GZIP
    : process.argv.includes('--max')
      ? Number(process.argv[process.argv.indexOf('--max') + 1])
      : undefined;
  if (max !== undefined) {
    if (!Number.isInteger(max) || max <= 0) throw new Error('--max takes a whole number of bytes');
    const gz = s.browser.total.gzip;
    console.log(`size: the browser entry + wasm is ${gz} B gzip -9, limit ${max} B (budget ${BUDGET_GZIP} B): ${gz <= max ? 'within' : 'OVER'}`);
    if (gz > max) process.exit(1);
  }
}
