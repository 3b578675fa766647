#!/usr/bin/env node
// make bench: what partners pay for vivomeetings-embed, in one table.
//   1. shipped bytes (scripts/size.mjs): npm package and script-tag bundle;
//   2. time from navigation start to the meeting iframe in the DOM with its
//      final src, median of fresh page loads: npm build, script-tag bundle,
//      plain-JS baseline (bench/pages/baseline.js), @daily-co/daily-js;
//   3. ns per meeting-URL call through the JS API vs the baseline's function;
//   4. wasm linear memory and JS heap after 10 vs 1,000 embed/destroy cycles.
// Prints the table on stdout (progress on stderr) and writes the figures to
// bench/results/<date-time>.json and bench/results/latest.json.
// Needs pkg/ built (scripts/build-pkg.sh). Exits non-zero if any figure is missing.
//
// Environment: BENCH_LOADS (page loads per variant, default 25, at least 20),
// BENCH_CALLS (URL-building calls per repetition, default 100000),
// BENCH_CYCLES (embed/destroy cycles, default 1000).
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, launch } from '../e2e/chromium.mjs';
import { sizes } from '../scripts/size.mjs';

class BenchError extends Error {}
const fail = (message) => {
  throw new BenchError(message);
};
const log = (message) => process.stderr.write(`[bench] ${message}\n`);

const bench = dirname(fileURLToPath(import.meta.url));
const root = dirname(bench);
const LOADS = intEnv('BENCH_LOADS', 25, 20);
const CALLS = intEnv('BENCH_CALLS', 100_000, 1);
const CALL_REPS = 5;
const CYCLES = intEnv('BENCH_CYCLES', 1000, 11);
const FIRST_CYCLES = 10;
// For the memory row: gc() in pages, and unquantized performance.memory.
const MEMORY_ARGS = ['--js-flags=--expose-gc', '--enable-precise-memory-info'];
const ROOM = { accessCode: '123456', name: 'Steve Irwin' };

/** The page-load variants of row 2, in table order; ratios are to `baseline`. */
const VARIANTS = [
  { key: 'npm', label: 'this library, npm ESM build', page: 'npm.html' },
  { key: 'script', label: 'this library, script-tag bundle', page: 'script.html' },
  { key: 'baseline', label: 'plain-JS baseline', page: 'baseline.html' },
  { key: 'daily', label: '@daily-co/daily-js createFrame', page: 'daily.html' },
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
}

const PKG_FILES = ['index.js', 'vivomeetings_embed_bg.wasm', 'vivomeetings-embed.global.js'];
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
        const copied = [...before.npm.files, ...before.script.files].every((f) => statSync(join(dir, f.file)).size === f.raw);
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
async function startStandin(pkgDir) {
  const env = { ...process.env, PATH: `${process.env.HOME}/.cargo/bin:${process.env.PATH}` };
  log('building the platform stand-in');
  execFileSync('cargo', ['build', '-q', '-p', 'vivomeetings-standin'], { cwd: root, env, stdio: ['ignore', 2, 2] });
  const args = ['--platform-port', '0', '--app-port', '0',
    '--mount', '/=www', '--mount', `/pkg=${pkgDir}`, '--mount', '/bench=bench/pages',
    '--mount', '/bench-daily=bench/node_modules/@daily-co/daily-js/dist',
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
// platform's meeting-room path.
const OBSERVER = `(() => {
  const platform = new URLSearchParams(location.search).get('platform');
  if (!platform || window !== window.top) return;
  const want = platform + '/conf/call/';
  let done;
  window.__iframeReady = new Promise((r) => (done = r));
  const observer = new MutationObserver(() => {
    for (const f of document.getElementsByTagName('iframe')) {
      if (f.isConnected && f.src.startsWith(want)) {
        const t = performance.now();
        observer.disconnect();
        done({ t, src: f.src });
        return;
      }
    }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['src'] });
})();`;

/** One fresh load (new context: empty cache, new renderer) of `url`. */
async function timeLoad(browser, url) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(OBSERVER);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const response = await page.goto(url, { waitUntil: 'commit' });
    if (!response?.ok()) fail(`${url}: HTTP ${response?.status() ?? 'no response'}`);
    const result = await page
      .evaluate(() => Promise.race([window.__iframeReady, new Promise((r) => setTimeout(() => r(null), 15_000))]))
      .catch((e) => fail(`${url}: ${e.message}`));
    if (!result) fail(`${url}: no meeting iframe within 15 s${errors.length ? ` (page errors: ${errors.join('; ')})` : ''}`);
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

async function timeToIframe(browser, origins) {
  const samples = Object.fromEntries(VARIANTS.map((v) => [v.key, []]));
  const srcs = {};
  const query = `?platform=${encodeURIComponent(origins.platform)}`;
  // Round 0 warms the server and the browser and is discarded; each round
  // loads every variant once, in a fresh random order, so drift hits all alike.
  for (let round = 0; round <= LOADS; round++) {
    const order = [...VARIANTS].sort(() => Math.random() - 0.5);
    for (const v of order) {
      const { t, src } = await timeLoad(browser, `${origins.app}/bench/${v.page}${query}`);
      if (round > 0) samples[v.key].push(t);
      srcs[v.key] = src;
    }
    if (round % 5 === 0) log(`time to iframe: ${round}/${LOADS} rounds`);
  }
  const base = stats(samples.baseline).median;
  const out = {};
  for (const v of VARIANTS) {
    const st = stats(samples[v.key]);
    out[v.key] = { label: v.label, ...round3(st), ratio: round3(st.median / base), src: srcs[v.key], samples: samples[v.key].map(round3) };
  }
  return out;
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

function table(r) {
  const W = [44, 11, 13, 12];
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(W[0]) : String(c).padStart(W[i]))).join(' ').trimEnd();
  const rule = '─'.repeat(W.reduce((a, b) => a + b + 1, -1));
  const out = [];
  out.push(`vivomeetings-embed bench · ${r.date} · ${r.git.commit ?? 'no git'}${r.git.dirty ? ' (dirty)' : ''} · ${r.chromium} · node ${r.node}`);
  out.push(rule);
  out.push(line(['1. shipped bytes', 'raw', 'gzip -9', 'brotli -q11']));
  for (const [name, part] of [['npm package (ESM)', r.sizes.npm], ['script-tag bundle', r.sizes.script]]) {
    out.push(`   ${name}`);
    for (const f of part.files) {
      const file = f.file.replace(/^snippets\/[^/]+\//, 'snippets/…/');
      out.push(line([`     ${file}`, n0(f.raw), n0(f.gzip), n0(f.brotli)]));
    }
    out.push(line(['     total', n0(part.total.raw), n0(part.total.gzip), n0(part.total.brotli)]));
  }
  out.push(rule);
  out.push(line([`2. time to iframe, ms (${r.timeToIframe.loads} fresh loads)`, 'median', 'p25–p75', '× baseline']));
  for (const v of VARIANTS) {
    const t = r.timeToIframe.variants[v.key];
    out.push(line([`   ${v.label}`, ms(t.median), `${ms(t.p25)}–${ms(t.p75)}`, ratio(t.ratio)]));
  }
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
    for (const part of [sizeFigures.npm, sizeFigures.script]) {
      if (!part.files.length || !(part.total.gzip > 0)) fail('scripts/size.mjs found no shipped files in pkg/');
    }
    const standin = await startStandin(snapshot.dir);
    cleanup.push(standin.stop);
    log(`stand-in: platform ${standin.platform}, app ${standin.app}`);

    const browser = await launch();
    cleanup.push(() => browser.close());
    const chromiumVersion = `Chromium ${browser.version()}`;
    log(`time to iframe: ${LOADS} fresh loads × ${VARIANTS.length} pages (+1 warm-up round)`);
    const times = await timeToIframe(browser, standin);
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
    for (const v of VARIANTS) {
      // daily-js appends its own parameters (layout, emb, embHref, dailyJsVersion): compare the room only.
      const same = v.key === 'daily' ? sameRoom(times[v.key].src, times.baseline.src) : sameUrl(times[v.key].src, times.baseline.src);
      if (!same) warnings.push(`${v.page} mounted ${times[v.key].src}, the baseline ${times.baseline.src}`);
    }
    const load = loadavg()[0];
    if (load > cpus().length) warnings.push(`load average ${load.toFixed(1)} on ${cpus().length} CPUs: timings are noisy`);
    if (mem.last.iframes !== 0) warnings.push(`${mem.last.iframes} iframe(s) still in the document after ${CYCLES} embed/destroy cycles`);

    const libNs = stats(cost.ns.lib).median;
    const baseNs = stats(cost.ns.baseline).median;
    const result = {
      schema: 1,
      date: new Date(started).toISOString(),
      git: git(),
      chromium: chromiumVersion,
      node: process.version,
      machine: { cpus: cpus().length, loadavg: loadavg().map((x) => Math.round(x * 100) / 100) },
      sizes: sizeFigures,
      timeToIframe: {
        unit: 'ms since navigation start, fresh browser context per load',
        loads: LOADS,
        variants: times,
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
    ...[r.sizes.npm, r.sizes.script].flatMap((p) => [p.total.raw, p.total.gzip, p.total.brotli]),
    ...VARIANTS.flatMap((v) => [r.timeToIframe.variants[v.key].median, r.timeToIframe.variants[v.key].ratio]),
    r.meetingUrl.lib.nsPerCall, r.meetingUrl.baseline.nsPerCall, r.meetingUrl.ratio,
    r.memory.first.wasm, r.memory.last.wasm, r.memory.first.heap, r.memory.last.heap,
  ];
  if (!figures.every((x) => Number.isFinite(x) && x > 0)) fail(`a figure is missing or not positive: ${JSON.stringify(figures)}`);
}

main().catch((e) => {
  process.stderr.write(`bench: FAILED: ${e instanceof BenchError ? e.message : e.stack}\n`);
  process.exit(1);
});
