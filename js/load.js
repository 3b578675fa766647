// Loading the wasm: `init()` (idempotent), `initSync()`, `ready`, the
// `not_ready` error for calls made before the wasm is there, and `call`,
// which every wasm call of the browser entry goes through.
import { instantiate, invoke } from './abi.js';
import { fail, pack, result } from './errors.js';

/** The wasm's own exports (what `init()` resolves with), once it is loaded. */
let instance;
let loading;
let settle;

/** A new pending `ready` (a failed load is retried with a fresh one). */
function pending() {
  const promise = new Promise((resolve, reject) => {
    settle = { resolve, reject };
  });
  // Nobody awaiting `ready` is not an error: the failure is also init()'s.
  promise.catch(() => {});
  return promise;
}

/**
 * Resolves once the wasm is loaded (by `init()`, `initSync()` or the entry
 * itself). A live binding: after a failed load, the next `init()` gives
 * `ready` a new Promise.
 */
export let ready = pending();
let failed = false;

/**
 * Compiles the wasm from `source`: a URL (string, `URL` or `Request`, fetched),
 * a `Response` (or a Promise of one), bytes or a `WebAssembly.Module`.
 * The default `new URL(…, import.meta.url)` is the literal pattern by which
 * bundlers (Vite, webpack, Next.js) find the `.wasm` and ship it.
 */
async function compile(source = new URL('vivomeetings_embed_bg.wasm', import.meta.url)) {
  if (typeof source === 'string' || source instanceof URL || source instanceof Request) source = fetch(source);
  source = await source;
  if (source instanceof WebAssembly.Module) return source;
  if (!(source instanceof Response)) return WebAssembly.compile(source);
  if (!source.ok) throw new Error(`HTTP ${source.status} ${source.statusText} for '${source.url}'`);
  // Streaming compilation needs the wasm MIME type; a server that sends
  // another one still works, compiled from the whole body.
  if (source.headers.get('Content-Type') === 'application/wasm') return WebAssembly.compileStreaming(source);
  return WebAssembly.compile(await source.arrayBuffer());
}

/** The wasm's exports, compiled from `options.module_or_path` unless already loaded. */
async function load(options) {
  return instance ?? initSync({ module: await compile(options?.module_or_path) });
}

/**
 * Loads the wasm: `init()` fetches the `.wasm` beside this module; pass
 * `{ module_or_path }` for another URL, a `Response`, bytes or a
 * `WebAssembly.Module`. Idempotent: every call returns the same Promise of
 * the wasm's exports (a failed load may be retried). A failure is
 * `not_ready`, saying where the wasm was looked for.
 */
export default function init(options) {
  if (!loading) {
    if (failed) ready = pending();
    failed = false;
    loading = load(options).catch((error) => {
      loading = undefined;
      failed = true;
      const e = fail(
        'not_ready',
        '',
        `the wasm could not be loaded (${error && error.message}): serve vivomeetings_embed_bg.wasm beside the package's JS (with esbuild or Rollup, copy it beside your bundle) or pass init({ module_or_path })`,
      );
      settle.reject(e);
      throw e;
    });
  }
  return loading;
}

/**
 * Loads the wasm from bytes or a `WebAssembly.Module`, synchronously:
 * `initSync({ module })` (browsers compile bytes this way only off the main
 * thread). Once loaded, returns the same exports (whatever `module` is).
 */
export function initSync({ module }) {
  instance ??= instantiate(module);
  if (failed) ready = pending();
  failed = false;
  settle.resolve();
  return instance;
}

/**
 * Calls the wasm export `name` with `args` packed (`pack`): its result, or
 * its error thrown as a `VivoMeetingsError`; `not_ready` before the wasm
 * is loaded.
 */
export function call(name, ...args) {
  if (!instance) {
    throw fail('not_ready', '', 'the wasm is not loaded yet: await `ready` (or `init()`) before calling the library');
  }
  return result(invoke(instance, name, pack(args)));
}
