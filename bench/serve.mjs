// Static origins for the network-emulated row of `make bench`: one small
// HTTP server per contender, each on its own loopback port (so its own
// origin: no cache, connection or preload is shared between contenders).
// Each serves the same mounts as the stand-in's app origin does in the
// loopback row (/bench, /pkg, /bench-daily, /bench-whereby), the way a CDN
// serves static files: gzip -9 when the browser accepts it (the bytes that
// scripts/size.mjs counts), a Content-Type per extension (application/wasm,
// which streaming compilation needs) and `Cache-Control: max-age=600`
// (cacheable, so a preload or an early fetch() can be reused by the page;
// every load still starts from an empty cache in a fresh browser context).
// Counts requests and body bytes per path, so the bench can tell a preload
// that was used from one that was fetched twice.
import { createServer } from 'node:http';
import { readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** Reads and gzips each file once; `mounts` maps a URL prefix to a directory. */
function fileCache(mounts) {
  const cache = new Map();
  return (pathname) => {
    if (cache.has(pathname)) return cache.get(pathname);
    let found = null;
    for (const [prefix, dir] of Object.entries(mounts)) {
      if (!pathname.startsWith(`${prefix}/`)) continue;
      const rel = normalize(decodeURIComponent(pathname.slice(prefix.length + 1)));
      if (rel.startsWith('..') || rel.includes(`${sep}..`)) break;
      const file = join(dir, rel);
      try {
        if (!statSync(file).isFile()) break;
      } catch {
        break;
      }
      const raw = readFileSync(file);
      found = { raw, gzip: gzipSync(raw, { level: 9 }), type: TYPES[extname(file)] ?? 'application/octet-stream' };
      break;
    }
    cache.set(pathname, found);
    return found;
  };
}

/**
 * Starts one server per name on 127.0.0.1 (free ports), all serving `mounts`
 * with `cacheControl`.
 * Resolves with { origins: { name: origin }, hits(name), reset(), close() };
 * hits(name) is { path: { requests, bytes } } since the last reset().
 */
export async function startOrigins(names, mounts, cacheControl = 'max-age=600') {
  const lookup = fileCache(mounts);
  const servers = {};
  const origins = {};
  const counts = {};
  for (const name of names) {
    counts[name] = {};
    const server = createServer((req, res) => {
      const { pathname } = new URL(req.url, 'http://x');
      const f = req.method === 'GET' || req.method === 'HEAD' ? lookup(pathname) : null;
      const c = (counts[name][pathname] ??= { requests: 0, bytes: 0 });
      c.requests++;
      if (!f) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
        return;
      }
      const gz = /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const body = gz ? f.gzip : f.raw;
      c.bytes += body.length;
      res.writeHead(200, {
        'Content-Type': f.type,
        'Content-Length': body.length,
        'Cache-Control': cacheControl,
        Vary: 'Accept-Encoding',
        ...(gz ? { 'Content-Encoding': 'gzip' } : {}),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
    server.keepAliveTimeout = 5000;
    await new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    servers[name] = server;
    origins[name] = `http://127.0.0.1:${server.address().port}`;
  }
  return {
    origins,
    hits: (name) => counts[name],
    reset: () => {
      for (const name of names) counts[name] = {};
    },
    close: () =>
      Promise.all(
        Object.values(servers).map(
          (s) =>
            new Promise((r) => {
              s.closeAllConnections?.();
              s.close(() => r());
            }),
        ),
      ),
  };
}
