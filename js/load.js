// Loading the wasm: `init()` (idempotent), `initSync()`, `ready`, and the
// `not_ready` error for calls made before the wasm is there.
import glueInit, * as glue from './vivomeetings_embed.js';
import { fail } from './errors.js';

let loaded = false;
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
    loading = glueInit(options).then(
      (exports) => {
        loaded = true;
        settle.resolve();
        return exports;
      },
      (error) => {
        loading = undefined;
        failed = true;
        const e = fail(
          'not_ready',
          '',
          `the wasm could not be loaded (${error && error.message}): serve vivomeetings_embed_bg.wasm beside the package's JS (with esbuild or Rollup, copy it beside your bundle) or pass init({ module_or_path })`,
        );
        settle.reject(e);
        throw e;
      },
    );
  }
  return loading;
}

/** Loads the wasm from bytes or a `WebAssembly.Module`, synchronously: `initSync({ module })`. */
export function initSync(options) {
  const exports = glue.initSync(options);
  if (failed) ready = pending();
  failed = false;
  loaded = true;
  settle.resolve();
  return exports;
}

/** The wasm exports, or `not_ready` before the wasm is loaded. */
export function wasm() {
  if (!loaded) {
    throw fail('not_ready', '', 'the wasm is not loaded yet: await `ready` (or `init()`) before calling the library');
  }
  return glue;
}
