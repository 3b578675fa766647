// The npm entry for browsers and bundlers. Importing it in a page starts
// loading the `.wasm` that sits beside it, so `await ready` is enough.
import init from './load.js';

export * from './api.js';
export { default } from './load.js';

if (typeof document !== 'undefined') init().catch(() => {});
