#!/usr/bin/env node
// make bench: what partners pay for vivomeetings-embed, in one table.
//   1. shipped bytes (scripts/size.mjs) per path: browser entry + wasm (the
//      budgeted figure), script tag, node entry, server entry, custom element;
//   2. time from navigation start to the meeting iframe in the DOM with its
//      final src, median of fresh page loads on loopback: npm build,
//      script-tag bundle, plain-JS baseline (bench/pages/baseline.js),
//      @daily-co/daily-js, Whereby's embed element;
//   2b. the same under an emulated mobile network (Chromium's
//      Network.emulateNetworkConditions: 150 ms latency, 1.6 Mbps down,
//      750 kbps up), each page from its own loopback origin (bench/serve.mjs),
//      contenders and the candidates that remove the wasm's extra round trip;
//   3. ns per meeting-URL call through the JS API vs the baseline's function;
//   4. wasm linear memory and JS heap after 10 vs 1,000 embed/destroy cycles.
// Prints the table on stdout (progress on stderr) and writes the figures to
// bench/results/<date-time>.json and bench/results/latest.json.
// Needs pkg/ built (scripts/build-pkg.sh). Exits non-zero if any figure is missing.
//
// Environment: BENCH_LOADS (page loads per variant, default 25, at least 20),
// BENCH_NET_LOADS (page loads per variant under emulation, default 11, at least 5),
// BENCH_CALLS (URL-building calls per repetition, default 100000),
// BENCH_CYCLES (embed/destroy cycles, default 1000).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, launch } from '../e2e/chromium.mjs';
import { PATHS, sizes } from '../scripts/size.mjs';
import { startOrigins } from './serve.mjs';

class BenchError extends Error {}
const fail = (message) => {
  throw new BenchError(message);
};
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

const bench = dirname(fileURLToPath(import.meta.url));
const root = dirname(bench);
const LOADS = intEnv('BENCH_LOADS', 25, 20);
const NET_LOADS = intEnv('BENCH_NET_LOADS', 11, 5);
const CALLS = intEnv('BENCH_CALLS', 100_000, 1);
const CALL_REPS = 5;
const CYCLES = intEnv('BENCH_CYCLES', 1000, 11);
const FIRST_CYCLES = 10;
// For the memory row: gc() in pages, and unquantized performance.memory.
const MEMORY_ARGS = ['--js-flags=--expose-gc', '--enable-precise-memory-info'];
const ROOM = { accessCode: '123456', name: 'Steve Irwin' };
// Whereby's element only takes https://<subdomain>.whereby.com rooms; the
// bench browser resolves that host to nothing (no request leaves the machine).
const WHEREBY_ROOM = 'https://bench.whereby.com/';
const BROWSER_ARGS = ['--host-resolver-rules=MAP *.whereby.com ~NOTFOUND'];
// The emulated mobile network of row 2b (throughputs in bytes per second).
const NETWORK = { offline: false, latency: 150, downloadThroughput: 1_600_000 / 8, uploadThroughput: 750_000 / 8 };
const WASM = 'vivomeetings_embed_bg.wasm';

/** The page-load variants of row 2, in table order; ratios are to `baseline`. */
const VARIANTS = [
  { key: 'npm', label: 'this library, npm ESM build', page: 'npm.html' },
  { key: 'script', label: 'this library, script-tag bundle', page: 'script.html' },
  { key: 'baseline', label: 'plain-JS baseline', page: 'baseline.html' },
  { key: 'daily', label: '@daily-co/daily-js createFrame', page: 'daily.html' },
  { key: 'whereby', label: "Whereby's <whereby-embed> element", page: 'whereby.html' },
];

/**
 * Row 2b: the contenders above, then the candidates that remove the round
 * trip in which the .wasm is fetched only after the JS has run.
 */
const NET_VARIANTS = [
  ...VARIANTS,
  { key: 'npmPreload', label: 'npm build + <link rel=preload> of the wasm', page: 'npm-preload.html', candidate: true },
  { key: 'npmFetch', label: 'npm build + fetch() of the wasm from <head>', page: 'npm-fetch.html', candidate: true },
  { key: 'scriptPreload', label: 'script tag + <link rel=preload> of the wasm', page: 'script-preload.html', candidate: true },
  { key: 'inline', label: 'one file, wasm inlined (pkg/node.js)', page: 'npm-inline.html', candidate: true },
];

function intEnv(name, fallback, min) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`bench: FAILED: ${name}=${raw}: must be an integer >= ${min}\n`);
    process.exit(2);
  }
  return n;
}

// ---------------------------------------------------------------- setup

function preflight() {
  if (!existsSync(CHROMIUM)) fail(`${CHROMIUM} not found (scripts/tools.sh installs Debian's chromium)`);
  const daily = join(bench, 'node_modules/@daily-co/daily-js/dist/daily-esm.js');
  if (!existsSync(daily)) {
    log('installing bench dependencies (npm ci in bench/)');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: bench, stdio: ['ignore', 2, 2] });
    if (!existsSync(daily)) fail(`npm ci in bench/ did not install ${daily}`);
  }
  if (!existsSync(join(bench, 'node_modules/@whereby.com/browser-sdk/package.json'))) {
    log('installing bench dependencies (npm ci in bench/)');
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: bench, stdio: ['ignore', 2, 2] });
  }
}

/**
 * Bundles Whereby's embed element (@whereby.com/browser-sdk/embed and its
 * dependency heresy) with esbuild --minify into dir/whereby.js, as a
 * partner's bundler would ship it.
 */
function bundleWhereby(dir) {
  execFileSync(join(root, 'node_modules/.bin/esbuild'),
    ['--bundle', '--minify', '--format=esm', '--log-level=warning', '--sourcefile=whereby-entry.js', `--outfile=${join(dir, 'whereby.js')}`],
    { cwd: bench, input: "import '@whereby.com/browser-sdk/embed';\n", stdio: ['pipe', 2, 2] });
  const version = JSON.parse(readFileSync(join(bench, 'node_modules/@whereby.com/browser-sdk/package.json'), 'utf8')).version;
  const bytes = readFileSync(join(dir, 'whereby.js'));
  return { version, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

const PKG_FILES = [...new Set(Object.values(PATHS).flat())];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Copies pkg/ to a temporary directory that the stand-in serves, so that a
 * rebuild of pkg/ during the run (scripts/build-pkg.sh starts with rm -rf pkg)
 * cannot mix two builds: the sizes (scripts/size.mjs, which reads pkg/) are
 * those of the copy, checked by measuring before and after copying.
 */
async function snapshotPkg() {
  const pkg = join(root, 'pkg');
  const deadline = Date.now() + 60_000;
  for (let attempt = 0; ; attempt++) {
    const missing = PKG_FILES.filter((f) => !existsSync(join(pkg, f)));
    if (missing.length === 0) {
      const dir = mkdtempSync(join(tmpdir(), 'vivo-bench-pkg-'));
      try {
        const before = sizes();
        cpSync(pkg, dir, { recursive: true });
        const after = sizes();
        const copied = Object.values(before).flatMap((p) => p.files).every((f) => statSync(join(dir, f.file)).size === f.raw);
        if (copied && JSON.stringify(before) === JSON.stringify(after)) return { dir, sizes: before };
      } catch {
        // pkg/ changed under us; try again
      }
      rmSync(dir, { recursive: true, force: true });
    } else if (!existsSync(pkg)) {
      fail('pkg/ is missing: build the package first (scripts/build-pkg.sh)');
    }
    if (Date.now() > deadline) fail(`pkg/ is incomplete or kept changing for 60 s${missing.length ? ` (pkg/${missing[0]} missing)` : ''}: build the package first (scripts/build-pkg.sh)`);
    if (attempt === 0) log('pkg/ is changing (a build running?); waiting for a consistent copy');
    await sleep(1000);
  }
}

/** Builds and starts the stand-in, serving pkgDir (a copy of pkg/) at /pkg; resolves with { platform, app, stop }. */
async function startStandin(pkgDir, wherebyDir) {
  const env = { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
  log('building the platform stand-in');
  execFileSync('cargo', ['build', '-q', '-p', 'vivomeetings-standin'], { cwd: root, env, stdio: ['ignore', 2, 2] });
  const args = ['--platform-port', '0', '--app-port', '0',
    '--mount', '/=www', '--mount', `/pkg=${pkgDir}`, '--mount', '/bench=bench/pages',
    '--mount', '/bench-daily=bench/node_modules/@daily-co/daily-js/dist',
    '--mount', `/bench-whereby=${wherebyDir}`,
    // If this script dies, the stand-in's stdin closes and it exits too.
    '--exit-on-stdin-eof'];
  const child = spawn(join(root, 'target/debug/vivomeetings-standin'), args, { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  const origins = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new BenchError(`stand-in did not report its origins within 20 s:\n${output}`)), 20_000);
    const onData = (chunk) => {
      output += chunk;
      const platform = /^platform: (\S+)$/m.exec(output)?.[1];
      const app = /^app: (\S+)$/m.exec(output)?.[1];
      if (platform && app) {
        clearTimeout(timer);
        resolve({ platform, app });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', (c) => (output += c));
    child.on('error', (e) => reject(new BenchError(`stand-in failed to start: ${e.message}`)));
    child.on('exit', (code) => reject(new BenchError(`stand-in exited (${code}) before reporting its origins:\n${output}`)));
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return { ...origins, stop };
}

// ---------------------------------------------------------------- row 2

// Injected before any page script in every frame: resolves
// window.__iframeReady with performance.now() (ms since navigation start) at
// the first mutation after which an iframe is connected with a src on the
// platform's meeting-room path (or, for Whereby's element, on its room).
const OBSERVER = `(() => {
  const platform = new URLSearchParams(location.search).get('platform');
  if (!platform || window !== window.top) return;
  const wants = [platform + '/conf/call/', ${JSON.stringify(WHEREBY_ROOM)}];
  let done;
  window.__iframeReady = new Promise((r) => (done = r));
  const observer = new MutationObserver(() => {
    for (const f of document.getElementsByTagName('iframe')) {
      if (f.isConnected && wants.some((w) => f.src.startsWith(w))) {
        const t = performance.now();
        observer.disconnect();
        done({ t, src: f.src });
        return;
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['src'] });
})();`;

/**
 * One fresh load (new context: empty cache, new renderer, new connections)
 * of `url`, under `network` conditions if given. Resolves with the time to
 * the iframe, its src, and the page's JS and wasm resource timings.
 */
async function timeLoad(browser, url, network) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(OBSERVER);
    const page = await context.newPage();
    if (network) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', network);
    }
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(url, { waitUntil: 'commit' });
    if (!response?.ok()) fail(`${url}: HTTP ${response?.status() ?? 'no response'}`);
    const result = await page
      .evaluate(() =>
        Promise.race([window.__iframeReady, new Promise((r) => setTimeout(() => r(null), 20_000))]).then((r) => r && {
          ...r,
          // Each script and wasm the page fetched: when it started and ended (ms since navigation start).
          resources: performance
            .getEntriesByType('resource')
            .filter((e) => /\.(m?js|wasm)$/.test(new URL(e.name).pathname))
            .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, end: e.responseEnd })),
        }),
      )
      .catch((e) => fail(`${url}: ${e.message}`));
    if (!result) fail(`${url}: no meeting iframe within 20 s${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`);
    return result;
  } finally {
    await context.close();
  }
}

function stats(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const q = (p) => {
    const i = (s.length - 1) * p;
    const lo = Math.floor(i);
    return s[lo] + (s[Math.ceil(i)] - s[lo]) * (i - lo);
  };
  return { median: q(0.5), p25: q(0.25), p75: q(0.75), min: s[0], max: s.at(-1) };
}

const median = (xs) => (xs.length ? stats(xs).median : null);

/**
 * Loads every variant `loads` times (after one discarded warm-up round), each
 * round in a fresh random order so drift hits all alike. `urlOf(v)` gives a
 * variant's page URL; `network` the emulated conditions, if any.
 */
async function timeVariants(browser, variants, urlOf, loads, network, name) {
  const samples = Object.fromEntries(variants.map((v) => [v.key, []]));
  const wasmTimes = Object.fromEntries(variants.map((v) => [v.key, { start: [], end: [] }]));
  const srcs = {};
  for (let round = 0; round <= loads; round++) {
    const order = [...variants].sort(() => Math.random() - 0.5);
    for (const v of order) {
      const { t, src, resources } = await timeLoad(browser, urlOf(v), network);
      srcs[v.key] = src;
      if (round === 0) continue;
      samples[v.key].push(t);
      const wasm = resources.find((r) => r.path.endsWith(`/${WASM}`));
      if (wasm) {
        wasmTimes[v.key].start.push(wasm.start);
        wasmTimes[v.key].end.push(wasm.end);
      }
    }
    if (round % 5 === 0 || round === loads) log(`${name}: ${round}/${loads} rounds`);
  }
  const base = stats(samples.baseline).median;
  const out = {};
  for (const v of variants) {
    const st = stats(samples[v.key]);
    const w = wasmTimes[v.key];
    out[v.key] = {
      label: v.label,
      page: v.page,
      ...(v.candidate ? { candidate: true } : {}),
      ...round3(st),
      ratio: round3(st.median / base),
      ...(w.start.length ? { wasm: round3({ start: median(w.start), end: median(w.end) }) } : {}),
      src: srcs[v.key],
      samples: samples[v.key].map(round3),
    };
  }
  return out;
}

async function timeToIframe(browser, origins) {
  const query = `?platform=${encodeURIComponent(origins.platform)}`;
  return timeVariants(browser, VARIANTS, (v) => `${origins.app}/bench/${v.page}${query}`, LOADS, null, 'time to iframe (loopback)');
}

/**
 * Row 2b: each variant from its own origin (bench/serve.mjs), under the
 * emulated network. Also counts, per load, the requests and the bytes each
 * origin served (so a preload fetched twice shows).
 */
async function networkRow(browser, platform, mounts) {
  const served = await startOrigins(NET_VARIANTS.map((v) => v.key), mounts);
  try {
    const query = `?platform=${encodeURIComponent(platform)}`;
    const times = await timeVariants(browser, NET_VARIANTS, (v) => `${served.origins[v.key]}/bench/${v.page}${query}`, NET_LOADS, NETWORK,
      'time to iframe (emulated network)');
    const perLoad = NET_LOADS + 1; // the warm-up round was served too
    for (const v of NET_VARIANTS) {
      const hits = served.hits(v.key);
      const bytes = Object.values(hits).reduce((t, h) => t + h.bytes, 0);
      times[v.key].origin = served.origins[v.key];
      times[v.key].bytesPerLoad = Math.round(bytes / perLoad);
      times[v.key].wasmRequestsPerLoad = round3((hits[`/pkg/${WASM}`]?.requests ?? 0) / perLoad);
      times[v.key].requestsPerLoad = round3(Object.values(hits).reduce((t, h) => t + h.requests, 0) / perLoad);
    }
    return times;
  } finally {
    await served.close();
  }
}

// ---------------------------------------------------------------- rows 3 and 4

async function openMicro(browser, origins) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${origins.app}/bench/micro.html?platform=${encodeURIComponent(origins.platform)}`);
  await page
    .waitForFunction(() => window.bench, null, { timeout: 15_000 })
    .catch(() => fail(`bench/pages/micro.html did not load the library${errors.length ? `: ${errors.join('; ')}` : ''}`));
  return { context, page };
}

async function urlCost(browser, origins) {
  const { context, page } = await openMicro(browser, origins);
  try {
    const r = await page.evaluate(
      async ({ calls, reps }) => {
        const { platform, vivo, baseline } = window.bench;
        // A fresh options literal per call, as in partner code; the lengths
        // are summed so the calls cannot be optimized away.
        const lib = (n) => {
          let sink = 0;
          for (let i = 0; i < n; i++) sink += vivo.meetingUrl({ accessCode: '123456', name: 'Steve Irwin', skipJoin: true, mute: ['camera', 'mic'] }).length;
          return sink;
        };
        const base = (n) => {
          let sink = 0;
          for (let i = 0; i < n; i++) sink += baseline.meetingUrl(platform, { accessCode: '123456', name: 'Steve Irwin', skipJoin: true, mute: ['camera', 'mic'] }).length;
          return sink;
        };
        const opts = { accessCode: '123456', name: 'Steve Irwin', skipJoin: true, mute: ['camera', 'mic'] };
        const urls = { lib: vivo.meetingUrl(opts), baseline: baseline.meetingUrl(platform, opts) };
        const time = (fn) => {
          const t0 = performance.now();
          const sink = fn(calls);
          const ms = performance.now() - t0;
          if (sink <= 0) throw new Error('empty URLs');
          return (ms * 1e6) / calls;
        };
        lib(Math.min(calls, 10_000)); // warm up both (JIT, wasm)
        base(Math.min(calls, 10_000));
        const ns = { lib: [], baseline: [] };
        for (let i = 0; i < reps; i++) {
          ns.lib.push(time(lib));
          await new Promise((r) => setTimeout(r, 0));
          ns.baseline.push(time(base));
          await new Promise((r) => setTimeout(r, 0));
        }
        return { urls, ns };
      },
      { calls: CALLS, reps: CALL_REPS },
    );
    return r;
  } finally {
    await context.close();
  }
}

async function memory(browser, origins) {
  const { context, page } = await openMicro(browser, origins);
  try {
    return await page.evaluate(
      async ({ first, cycles, room }) => {
        if (typeof gc !== 'function') throw new Error('gc() is not exposed (--js-flags=--expose-gc)');
        if (!performance.memory) throw new Error('performance.memory is not available');
        const { vivo, wasm } = window.bench;
        if (!(wasm?.memory?.buffer instanceof ArrayBuffer)) throw new Error("init() did not return the wasm exports' memory");
        const container = document.getElementById('room');
        const tick = () => new Promise((r) => setTimeout(r, 0));
        const run = async (n) => {
          for (let i = 0; i < n; i++) {
            const m = vivo.embedMeeting(container, { ...room, onLeave: () => {} });
            m.destroy();
            if (i % 10 === 9) await tick();
          }
        };
        const snapshot = async () => {
          for (let i = 0; i < 3; i++) {
            gc();
            await tick(); // lets FinalizationRegistry callbacks free handles
          }
          return {
            wasm: wasm.memory.buffer.byteLength,
            heap: performance.memory.usedJSHeapSize,
            iframes: document.getElementsByTagName('iframe').length,
          };
        };
        await run(first);
        const a = await snapshot();
        await run(cycles - first);
        const b = await snapshot();
        return { first: a, last: b };
      },
      { first: FIRST_CYCLES, cycles: CYCLES, room: ROOM },
    );
  } catch (e) {
    if (e instanceof BenchError) throw e;
    fail(`memory row: ${e.message}`);
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- output

function round3(x) {
  if (typeof x === 'number') return Math.round(x * 1000) / 1000;
  return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round3(v)]));
}

/** Same parameters, same order, same values (encoding of spaces etc. aside). */
function sameUrl(a, b) {
  try {
    const ua = new URL(a);
    const ub = new URL(b);
    return ua.origin === ub.origin && ua.pathname === ub.pathname && [...ua.searchParams].join('&') === [...ub.searchParams].join('&');
  } catch {
    return false;
  }
}

/** Same origin and path (the meeting room), whatever the query. */
function sameRoom(a, b) {
  try {
    const ua = new URL(a);
    const ub = new URL(b);
    return ua.origin === ub.origin && ua.pathname === ub.pathname;
  } catch {
    return false;
  }
}

function git() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8' }).trim() !== '';
    return { commit, dirty };
  } catch {
    return { commit: null, dirty: null };
  }
}

const n0 = (x) => Math.round(x).toLocaleString('en-US');
const ms = (x) => x.toFixed(1);
const ratio = (x) => `${x.toFixed(2)}×`;
const signed = (x) => (x > 0 ? '+' : x < 0 ? '−' : '±') + n0(Math.abs(x));

const SIZE_LABELS = {
  browser: 'browser: npm entry + wasm (budgeted)',
  script: 'script tag: global bundle + wasm',
  node: 'node entry (wasm inlined)',
  server: 'server entry (vivomeetings-embed/server)',
  element: 'custom elements (over the browser entry)',
};

function table(r) {
  const W = [48, 11, 13, 12];
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(W[0]) : String(c).padStart(W[i]))).join(' ').trimEnd();
  const rule = '─'.repeat(W.reduce((a, b) => a + b + 1, -1));
  const out = [];
  out.push(`vivomeetings-embed bench · ${r.date} · ${r.git.commit ?? 'no git'}${r.git.dirty ? ' (dirty)' : ''} · ${r.chromium} · node ${r.node}`);
  out.push(rule);
  out.push(line(['1. shipped bytes', 'raw', 'gzip -9', 'brotli -q11']));
  for (const [path, part] of Object.entries(r.sizes)) {
    out.push(`   ${SIZE_LABELS[path] ?? path}`);
    if (part.files.length > 1) {
      for (const f of part.files) out.push(line([`     ${f.file}`, n0(f.raw), n0(f.gzip), n0(f.brotli)]));
    }
    out.push(line([part.files.length > 1 ? '     total' : `     ${part.files[0].file}`, n0(part.total.raw), n0(part.total.gzip), n0(part.total.brotli)]));
  }
  const c = r.contenders;
  out.push(line(['   for comparison: plain-JS baseline.js', n0(c.baseline.raw), n0(c.baseline.gzip), '']));
  out.push(line([`   @daily-co/daily-js ${c.daily.version} daily-esm.js`, n0(c.daily.raw), n0(c.daily.gzip), '']));
  out.push(line([`   Whereby embed ${c.whereby.version}, esbuild --minify`, n0(c.whereby.raw), n0(c.whereby.gzip), '']));
  out.push(rule);
  out.push(line([`2. time to iframe, ms (${r.timeToIframe.loads} fresh loads, loopback)`, 'median', 'p25–p75', '× baseline']));
  for (const v of VARIANTS) {
    const t = r.timeToIframe.variants[v.key];
    out.push(line([`   ${v.label}`, ms(t.median), `${ms(t.p25)}–${ms(t.p75)}`, ratio(t.ratio)]));
  }
  out.push(rule);
  const n = r.network;
  out.push(line([`2b. same, emulated mobile network (${n.loads} loads)`, 'median', 'p25–p75', '× baseline']));
  out.push(`    ${n.conditions.latency} ms latency, ${n.conditions.downloadKbps} kbps down, ${n.conditions.uploadKbps} kbps up; each page from its own origin, gzip`);
  const netRow = (v) => {
    const t = n.variants[v.key];
    const wasm = t.wasm ? ` · wasm ${ms(t.wasm.start)}→${ms(t.wasm.end)} ms${t.wasmRequestsPerLoad > 1 ? ` ×${t.wasmRequestsPerLoad}` : ''}` : '';
    out.push(line([`   ${v.label}`, ms(t.median), `${ms(t.p25)}–${ms(t.p75)}`, ratio(t.ratio)]));
    out.push(`     ${n0(t.bytesPerLoad)} B over ${t.requestsPerLoad} requests${wasm}`);
  };
  for (const v of NET_VARIANTS.filter((v) => !v.candidate)) netRow(v);
  out.push('   candidates without the extra round trip for the wasm:');
  for (const v of NET_VARIANTS.filter((v) => v.candidate)) netRow(v);
  out.push(rule);
  const u = r.meetingUrl;
  out.push(line([`3. meeting URL, ${n0(u.calls)} calls (median of ${u.reps})`, 'ns/call', '', '× baseline']));
  out.push(line(['   vivo.meetingUrl (name, skipJoin, mute)', u.lib.nsPerCall.toFixed(0), '', ratio(u.ratio)]));
  out.push(line(['   baseline meetingUrl (URLSearchParams)', u.baseline.nsPerCall.toFixed(0), '', ratio(1)]));
  out.push(rule);
  const m = r.memory;
  out.push(line([`4. memory, bytes, embed/destroy cycles`, `after ${m.firstCycles}`, `after ${n0(m.cycles)}`, 'change']));
  out.push(line(['   wasm linear memory', n0(m.first.wasm), n0(m.last.wasm), signed(m.last.wasm - m.first.wasm)]));
  out.push(line(['   JS heap used, after gc()', n0(m.first.heap), n0(m.last.heap), signed(m.last.heap - m.first.heap)]));
  for (const w of r.warnings) out.push(`warning: ${w}`);
  return out.join('\n');
}

function writeResults(result) {
  const dir = join(bench, 'results');
  mkdirSync(dir, { recursive: true });
  // ISO 8601 basic format (no colons): portable file names that sort by time.
  const stamp = result.date.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const json = `${JSON.stringify(result, null, 1)}\n`;
  const files = [`${stamp}.json`, 'latest.json'];
  for (const name of files) {
    const tmp = join(dir, `${name}.tmp`);
    writeFileSync(tmp, json);
    renameSync(tmp, join(dir, name));
  }
  return files.map((f) => `bench/results/${f}`);
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  preflight();
  const warnings = [];
  const cleanup = [];
  try {
    const snapshot = await snapshotPkg();
    cleanup.push(() => rmSync(snapshot.dir, { recursive: true, force: true }));
    const sizeFigures = snapshot.sizes;
    for (const path of Object.keys(PATHS)) {
      const part = sizeFigures[path];
      if (!part?.files.length || !(part.total.gzip > 0)) fail(`scripts/size.mjs found no shipped files for ${path} in pkg/`);
    }
    const wherebyDir = mkdtempSync(join(tmpdir(), 'vivo-bench-whereby-'));
    cleanup.push(() => rmSync(wherebyDir, { recursive: true, force: true }));
    log("bundling Whereby's embed element (esbuild)");
    const gz = (file) => {
      const bytes = readFileSync(file);
      return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    };
    const dailyDir = join(bench, 'node_modules/@daily-co/daily-js');
    const contenders = {
      baseline: gz(join(bench, 'pages/baseline.js')),
      daily: { version: JSON.parse(readFileSync(join(dailyDir, 'package.json'), 'utf8')).version, ...gz(join(dailyDir, 'dist/daily-esm.js')) },
      whereby: bundleWhereby(wherebyDir),
    };
    const standin = await startStandin(snapshot.dir, wherebyDir);
    cleanup.push(standin.stop);
    log(`stand-in: platform ${standin.platform}, app ${standin.app}`);

    const browser = await launch(BROWSER_ARGS);
    cleanup.push(() => browser.close());
    const chromiumVersion = `Chromium ${browser.version()}`;
    log(`time to iframe: ${LOADS} fresh loads × ${VARIANTS.length} pages (+1 warm-up round)`);
    const times = await timeToIframe(browser, standin);
    log(`time to iframe under an emulated network: ${NET_LOADS} fresh loads × ${NET_VARIANTS.length} pages, each from its own origin (+1 warm-up round)`);
    const net = await networkRow(browser, standin.platform, {
      '/bench': join(bench, 'pages'),
      '/pkg': snapshot.dir,
      '/bench-daily': join(dailyDir, 'dist'),
      '/bench-whereby': wherebyDir,
    });
    await browser.close();

    const gcBrowser = await launch(MEMORY_ARGS);
    cleanup.push(() => gcBrowser.close());
    log(`meeting URL: ${CALL_REPS} × ${CALLS} calls each`);
    const cost = await urlCost(gcBrowser, standin);
    log(`memory: ${CYCLES} embed/destroy cycles`);
    const mem = await memory(gcBrowser, standin);
    await gcBrowser.close();

    // Consistency checks: the figures compare like with like.
    if (!sameUrl(cost.urls.lib, cost.urls.baseline)) {
      fail(`the library and the baseline build different meeting URLs, so row 3 would compare unlike work:\n  library:  ${cost.urls.lib}\n  baseline: ${cost.urls.baseline}`);
    }
    if (cost.urls.lib !== cost.urls.baseline) warnings.push(`URL encodings differ (same parameters): library ${cost.urls.lib} vs baseline ${cost.urls.baseline}`);
    for (const [row, variants, figures] of [['loopback', VARIANTS, times], ['emulated', NET_VARIANTS, net]]) {
      for (const v of variants) {
        const { src } = figures[v.key];
        // daily-js appends its own parameters (layout, emb, embHref, dailyJsVersion): compare the room only;
        // Whereby's element only mounts whereby.com rooms.
        const same = v.key === 'whereby' ? src.startsWith(WHEREBY_ROOM) : v.key === 'daily' ? sameRoom(src, figures.baseline.src) : sameUrl(src, figures.baseline.src);
        if (!same) warnings.push(`${row}: ${v.page} mounted ${src}, the baseline ${figures.baseline.src}`);
      }
    }
    for (const v of NET_VARIANTS) {
      const w = net[v.key].wasmRequestsPerLoad;
      if (w > 1) warnings.push(`emulated: ${v.page} fetched the wasm ${w} times per load (a preload or early fetch that was not reused)`);
    }
    const load = loadavg()[0];
    if (load > cpus().length) warnings.push(`load average ${load.toFixed(1)} on ${cpus().length} CPUs: timings are noisy`);
    if (mem.last.iframes !== 0) warnings.push(`${mem.last.iframes} iframe(s) still in the document after ${CYCLES} embed/destroy cycles`);

    const libNs = stats(cost.ns.lib).median;
    const baseNs = stats(cost.ns.baseline).median;
    const result = {
      schema: 2,
      date: new Date(started).toISOString(),
      git: git(),
      chromium: chromiumVersion,
      node: process.version,
      machine: { cpus: cpus().length, loadavg: loadavg().map((x) => Math.round(x * 100) / 100) },
      sizes: sizeFigures,
      budget: { path: 'browser', gzip: 25_000 },
      contenders,
      timeToIframe: {
        unit: 'ms since navigation start, fresh browser context per load',
        loads: LOADS,
        variants: times,
      },
      network: {
        unit: 'ms since navigation start, fresh browser context per load, each variant from its own origin',
        conditions: {
          latency: NETWORK.latency,
          downloadKbps: (NETWORK.downloadThroughput * 8) / 1000,
          uploadKbps: (NETWORK.uploadThroughput * 8) / 1000,
          how: 'CDP Network.emulateNetworkConditions on each page; gzip -9 responses, Cache-Control max-age=600',
        },
        loads: NET_LOADS,
        variants: net,
      },
      meetingUrl: {
        calls: CALLS,
        reps: CALL_REPS,
        options: { accessCode: '123456', name: 'Steve Irwin', skipJoin: true, mute: ['camera', 'mic'] },
        lib: { nsPerCall: round3(libNs), samples: cost.ns.lib.map(round3), url: cost.urls.lib },
        baseline: { nsPerCall: round3(baseNs), samples: cost.ns.baseline.map(round3), url: cost.urls.baseline },
        ratio: round3(libNs / baseNs),
      },
      memory: {
        firstCycles: FIRST_CYCLES,
        cycles: CYCLES,
        first: { wasm: mem.first.wasm, heap: mem.first.heap },
        last: { wasm: mem.last.wasm, heap: mem.last.heap },
      },
      warnings,
      seconds: Math.round((Date.now() - started) / 1000),
    };
    checkFilled(result);
    console.log(table(result));
    const files = writeResults(result);
    log(`wrote ${files.join(' and ')} in ${result.seconds} s`);
  } finally {
    for (const fn of cleanup.reverse()) await Promise.resolve().then(fn).catch(() => {});
  }
}

/** Every figure of the table must be a finite positive number. */
function checkFilled(r) {
  const figures = [
    ...Object.keys(PATHS).flatMap((k) => [r.sizes[k].total.raw, r.sizes[k].total.gzip, r.sizes[k].total.brotli]),
    ...VARIANTS.flatMap((v) => [r.timeToIframe.variants[v.key].median, r.timeToIframe.variants[v.key].ratio]),
    ...NET_VARIANTS.flatMap((v) => [r.network.variants[v.key].median, r.network.variants[v.key].ratio, r.network.variants[v.key].bytesPerLoad]),
    r.meetingUrl.lib.nsPerCall, r.meetingUrl.baseline.nsPerCall, r.meetingUrl.ratio,
    r.memory.first.wasm, r.memory.last.wasm, r.memory.first.heap, r.memory.last.heap,
  ];
  if (!figures.every((x) => Number.isFinite(x) && x > 0)) fail(`a figure is missing or not positive: ${JSON.stringify(figures)}`);
}

main().catch((e) => {
  process.stderr.write(`bench: FAILED: ${e instanceof BenchError ? e.message : e.stack}\n`);
  process.exit(1);
});
