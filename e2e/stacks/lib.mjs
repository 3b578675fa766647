// Shared plumbing of e2e/stacks.test.mjs: the package packed once per run
// (`npm pack` of pkg/, as a partner installs a local build), each consumer
// project installed from that tarball only when its node_modules does not
// match its lockfile + the tarball (a stamp file), a static file server, and
// long-running commands (dev servers, `next start`) with their output.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, isAbsolute, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PLAIN } from '../plain-env.mjs';

export const STACKS = fileURLToPath(new URL('./', import.meta.url));
const PKG = fileURLToPath(new URL('../../pkg/', import.meta.url));
const STAMP = 'node_modules/.vivo-stack-stamp';

/** Runs a command; resolves with its output, rejects with both streams in the message. */
export function run(cmd, args, { cwd, env, timeout = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { cwd, env: { ...PLAIN, NEXT_TELEMETRY_DISABLED: '1', ...env }, timeout, maxBuffer: 64 << 20, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`${cmd} ${args.join(' ')} failed in ${cwd} (exit ${error.code}):\n${stdout}\n${stderr}`));
        } else {
          resolve({ stdout, stderr });
        }
      },
    );
  });
}

let packed;
/**
 * `npm pack` of pkg/ into a fresh temp dir, once per run: `{ tarball, hash }`.
 * npm pack stamps every entry with a fixed date, so an unchanged pkg/ gives
 * the same hash run after run.
 */
export function packOnce() {
  packed ??= (async () => {
    assert.ok(existsSync(`${PKG}package.json`), 'pkg/ is not built: run `make pkg` first');
    const dir = mkdtempSync(join(tmpdir(), 'vivo-pack-'));
    const { stdout } = await run('npm', ['pack', PKG, '--json', '--pack-destination', dir, '--loglevel=error'], { cwd: dir });
    const [{ filename }] = JSON.parse(stdout);
    const tarball = join(dir, filename);
    const hash = createHash('sha256').update(readFileSync(tarball)).digest('hex');
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    return { tarball, hash };
  })();
  return packed;
}

/**
 * Installs a stack's pinned dependencies (package-lock.json) and the packed
 * package, as a partner would: `npm install <tarball>`. `name` is a folder
 * under e2e/stacks/ or an absolute path to any consumer project. `--no-save` keeps
 * the committed package.json and lockfile free of a temp path. Skipped when
 * the stamp says node_modules already holds this lockfile + this tarball.
 * Resolves with true when it installed.
 */
export async function installStack(name) {
  const dir = isAbsolute(name) ? name : join(STACKS, name);
  const { tarball, hash } = await packOnce();
  const lock = readFileSync(join(dir, 'package-lock.json'));
  const want = createHash('sha256').update(lock).update(hash).digest('hex');
  const stamp = join(dir, STAMP);
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want && existsSync(join(dir, 'node_modules/vivomeetings-embed/package.json'))) {
    return false;
  }
  rmSync(stamp, { force: true });
  // A new tarball keeps the version number, and bundler caches key packages
  // in node_modules by name@version (webpack's managedPaths, Vite's
  // optimizeDeps keyed on the unchanged lockfile): drop them with the install.
  const nextDirs = readdirSync(dir).filter((entry) => entry.startsWith('.next'));
  for (const cache of ['dist', ...nextDirs, 'node_modules/.vite', 'node_modules/.cache']) {
    rmSync(join(dir, cache), { recursive: true, force: true });
  }
  // `npm install` rather than `npm ci`: some tools name optional
  // dependencies the registry no longer serves (see e2e/consumer.test.mjs);
  // `npm install` follows the lock and skips them.
  await run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: dir, timeout: 600_000 });
  assert.deepEqual(readFileSync(join(dir, 'package-lock.json')), lock, `npm install changed ${name}/package-lock.json`);
  writeFileSync(stamp, want);
  return true;
}

/** A free TCP port on 127.0.0.1 (for servers that take a port number). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

/**
 * Serves `root` on 127.0.0.1 (any static host would do): `{ origin, close }`.
 * A directory answers with its index.html; an unknown path is a 404.
 */
export function serveStatic(root) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
    let file = join(root, path);
    if (!file.startsWith(root.endsWith(sep) ? root : root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        origin: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((done) => server.close(done)),
      });
    });
  });
}

/**
 * Starts a long-running command (a dev server, `next start`) in its own
 * process group and waits until its output matches `readyPattern`.
 * The pattern sees the output without ANSI colour codes too: under CI,
 * Vite printed `Local\x1b[22m:` and `127.0.0.1:\x1b[1m43133\x1b[22m/`.
 * Resolves with `{ output(), stop() }`; `stop()` ends the whole group.
 */
// CSI sequences (colours, cursor moves) as terminals and CI logs print them.
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

export function startServer(cmd, args, { cwd, env, readyPattern, timeout = 120_000 }) {
  const child = spawn(cmd, args, {
    cwd,
    env: { ...PLAIN, NEXT_TELEMETRY_DISABLED: '1', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let raw = '';
  let text = '';
  const stop = () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        resolve();
      }
    });
  process.once('exit', () => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {}
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`${cmd} ${args.join(' ')} did not get ready in ${timeout} ms:\n${text}`));
    }, timeout);
    const onData = (chunk) => {
      raw += chunk;
      text = raw.replace(ANSI, '');
      const match = text.match(readyPattern);
      if (match) {
        clearTimeout(timer);
        resolve({ match, output: () => text, stop });
      }
    };
    child.stdout.setEncoding('utf8').on('data', onData);
    child.stderr.setEncoding('utf8').on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} ${args.join(' ')} exited (${code}) before it was ready:\n${text}`));
    });
  });
}
