// The entry for servers (export condition `node`: Node 20+, and bundlers'
// server builds such as Next.js): the wasm is inlined and instantiated at
// import, so no init call and no file access are needed, and no bundler
// has a `.wasm` file to move.
import { fromBase64 } from './abi.js';
import { initSync } from './load.js';
import { wasmBase64 } from './browser-wasm.js';

export * from './api.js';
export { default } from './load.js';

initSync({ module: fromBase64(wasmBase64) });
