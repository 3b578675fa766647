// Shortens the three developer warnings in wasm-bindgen's init code (~100 B
// gzipped); they keep their meaning. Fails when one is not found, so a
// wasm-bindgen upgrade that changes the glue is noticed here.
//
// Usage: node scripts/trim-glue.mjs GLUE.js   (rewritten in place)
import { readFileSync, writeFileSync } from 'node:fs';

const REPLACEMENTS = [
  [
    '"`WebAssembly.instantiateStreaming` failed because your server does not serve Wasm with `application/wasm` MIME type. Falling back to `WebAssembly.instantiate` which is slower. Original error:\\n"',
    '"WebAssembly.instantiateStreaming failed (serve .wasm as application/wasm); using WebAssembly.instantiate:\\n"',
  ],
  [
    "'using deprecated parameters for `initSync()`; pass a single object instead'",
    "'initSync(module) is deprecated: pass { module }'",
  ],
  [
    "'using deprecated parameters for the initialization function; pass a single object instead'",
    "'init(path) is deprecated: pass { module_or_path }'",
  ],
];

const [file] = process.argv.slice(2);
let js = readFileSync(file, 'utf8');
for (const [from, to] of REPLACEMENTS) {
  if (!js.includes(from)) {
    console.error(`trim-glue: not found in ${file}: ${from}`);
    process.exit(1);
  }
  js = js.replace(from, to);
}
writeFileSync(file, js);
