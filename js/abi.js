// Calling the wasm (src/wasm/abi.rs): every export takes one argument, a
// string (or a webhook's bytes), and returns one string. `alloc` empties
// the wasm's arena and makes room for the argument; the result is read
// before the next call. The wasm imports nothing, so nothing here can be
// re-entered.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Instantiates the wasm from a `WebAssembly.Module` or its bytes (compiled
 * synchronously, which browsers allow only off the main thread): its
 * exports (it imports nothing).
 */
export const instantiate = (module) =>
  new WebAssembly.Instance(module instanceof WebAssembly.Module ? module : new WebAssembly.Module(module), {}).exports;

/** The bytes of a wasm inlined as base64 (the Node and server entries carry theirs so). */
export const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** A byte view of `exports`' memory, made again when that memory grew (its buffer is then a new one). */
let view = new Uint8Array();
const bytes = ({ memory }) => (view.buffer === memory.buffer ? view : (view = new Uint8Array(memory.buffer)));

/** Calls the export `name` of `exports` with `input` (a string or bytes): its result string. */
export function invoke(exports, name, input) {
  let len = input.length;
  let at;
  if (typeof input === 'string') {
    // At most 3 bytes of UTF-8 per UTF-16 unit, encoded in place.
    at = exports.alloc(len * 3);
    len = encoder.encodeInto(input, bytes(exports).subarray(at, at + len * 3)).written;
  } else {
    at = exports.alloc(len);
    bytes(exports).set(input, at);
  }
  const out = exports[name](at, len);
  const ptr = Number(out >> 32n);
  return decoder.decode(bytes(exports).subarray(ptr, ptr + Number(out & 0xffffffffn)));
}
