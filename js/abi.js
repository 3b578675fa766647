// Calling the wasm (src/wasm/abi.rs): every export takes one argument, a
// string (or a webhook's bytes), and returns one string. `alloc` empties
// the wasm's arena and makes room for the argument; the result is read
// before the next call. The wasm imports nothing, so nothing here can be
// re-entered.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Instantiates a compiled wasm module: its exports (it imports nothing). */
export const instantiate = (module) => new WebAssembly.Instance(module, {}).exports;

/** Calls the export `name` of `exports` with `input` (a string or bytes): its result string. */
export function invoke(exports, name, input) {
  const bytes = typeof input === 'string' ? encoder.encode(input) : input;
  const at = exports.alloc(bytes.length);
  // Views are made after each call into the wasm, which may grow its memory.
  new Uint8Array(exports.memory.buffer, at, bytes.length).set(bytes);
  const out = exports[name](at, bytes.length);
  const [ptr, len] = [Number(out >> 32n), Number(out & 0xffffffffn)];
  return decoder.decode(new Uint8Array(exports.memory.buffer, ptr, len));
}
