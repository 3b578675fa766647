// Loading the wasm: `init()` (idempotent), `initSync()`, `ready`, and the
// `not_ready` error for calls made before the wasm is there.
import glueInit, * as glue from './vivomeetings_embed.js';
import { fail } from './errors.js';

let loaded = false;
let loading;
let settle;

/** Resolves once the wasm is loaded (by `init()`, `initSync()` or the entry itself). */
export const ready = new Promise((resolve, reject) => {
  settle = { resolve, reject };
});
// Nobody awaiting `ready` is not an error: the failure is also init()'s.
ready.catch(() => {});

/**
 * Loads the wasm: `init()` fetches the `.wasm` beside this module; pass
 * `{ module_or_path }` for another URL, a `Response`, bytes or a
 * `WebAssembly.Module`. Idempotent: every call returns the same Promise of
 * the wasm's exports (a failed load may be retried).
 */
export default function init(options) {
  loading ??= glueInit(options).then(
    (exports) => {
      loaded = true;
      settle.resolve();
      return exports;
    },
    (error) => {
      loading = undefined;
      settle.reject(error);
      throw error;
    },
  );
  return loading;
}

/** Loads the wasm from bytes or a `WebAssembly.Module`, synchronously: `initSync({ module })`. */
export function initSync(options) {
  const exports = glue.initSync(options);
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
