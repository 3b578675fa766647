// The entry for Node 20+ (export condition `node`): the wasm is read from
// beside this file and instantiated at import, so no init call is needed.
import { readFileSync } from 'node:fs';
import { initSync } from './load.js';

export * from './api.js';
export { default } from './load.js';

initSync({ module: readFileSync(new URL('./vivomeetings_embed_bg.wasm', import.meta.url)) });
