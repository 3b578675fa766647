#!/usr/bin/env bash
# Builds the npm package into pkg/ and the script-tag bundle beside it.
#   release wasm -> wasm-bindgen --target web -> wasm-opt -Oz -> minified glue
#   + index.js (glue + runtime, bundled) / index.d.ts (adds VivoMeetingsError) + package.json
#   + vivomeetings-embed.global.js (classic script, window.VivoMeetings)
set -euo pipefail
cd "$(dirname "$0")/.."
out=pkg
name=vivomeetings_embed
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)

# Without reference types, wasm-bindgen keeps JS values in a JS-side table,
# which makes the wasm's export shims smaller (~0.7 KB gzip net); multi-value
# returns make the JS shims shorter (~80 B gzip).
# Inlining is tuned for gzip, not for raw bytes: measured on this crate, LLVM
# at threshold 40 and wasm-opt inlining functions with one caller only up to
# 10 instructions (and any function up to 5) give ~600 B less gzipped wasm
# than the defaults, though a slightly larger raw file: separate functions
# repeat patterns that gzip finds. Re-measure (scripts/size.mjs) when the
# code changes much; WASM_OPT_FLAGS overrides the wasm-opt part.
size_flags="-Ctarget-feature=-reference-types,+multivalue -Clink-arg=-zstack-size=131072 -Cllvm-args=-inline-threshold=40"
wasm_opt_flags="${WASM_OPT_FLAGS:--Oz --converge --one-caller-inline-max-function-size=10 --always-inline-max-function-size=5}"
# With the rust-src component, std is rebuilt for size with panics that
# abort at once (no panic message formatting, ~20% of the wasm). That needs
# -Z flags, which stable rustc takes under RUSTC_BOOTSTRAP=1; the result is
# the same code, only the panic path differs. Without rust-src, a plain
# release build is made (and the size budget test will say so).
if [ "${VIVO_PLAIN_STD:-}" != 1 ] && [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]; then
  RUSTC_BOOTSTRAP=1 RUSTFLAGS="${RUSTFLAGS:-} $size_flags -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none" \
    cargo build --quiet --release --lib --target wasm32-unknown-unknown -p vivomeetings-embed \
    -Z build-std=std,panic_abort --target-dir target/build-std
  wasm_in=target/build-std/wasm32-unknown-unknown/release/$name.wasm
else
  echo "note: rust-src is not installed; building with the prebuilt std (larger wasm)" >&2
  RUSTFLAGS="${RUSTFLAGS:-} $size_flags" cargo build --quiet --release --lib --target wasm32-unknown-unknown \
    -p vivomeetings-embed --target-dir target/plain-std
  wasm_in=target/plain-std/wasm32-unknown-unknown/release/$name.wasm
fi
rm -rf "$out" target/pkg-raw
# Every browser the package supports has TextEncoder.encodeInto: no fallback.
wasm-bindgen --target web --encode-into always --out-dir target/pkg-raw --out-name "$name" "$wasm_in"
mkdir -p "$out"
node_modules/.bin/wasm-opt $wasm_opt_flags --enable-bulk-memory --enable-nontrapping-float-to-int \
  --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
  --strip-debug --strip-producers --strip-target-features \
  target/pkg-raw/${name}_bg.wasm -o "$out/${name}_bg.wasm"
# InitOutput lists wasm-bindgen's internal exports, renamed below; keep only `memory`.
node -e '
const fs = require("fs"), [src, dst] = process.argv.slice(1);
const dts = fs.readFileSync(src, "utf8").replace(/export interface InitOutput \{[\s\S]*?\n\}/,
  "export interface InitOutput {\n    readonly memory: WebAssembly.Memory;\n}");
fs.writeFileSync(dst, dts);' target/pkg-raw/$name.d.ts "$out/$name.d.ts"
# The glue imports the runtime from snippets/<crate-hash>/js/runtime.js.
runtime_rel=$(cd target/pkg-raw && find snippets -name runtime.js | head -n1)
[ -n "$runtime_rel" ] || { echo "runtime.js snippet not found" >&2; exit 1; }
node scripts/short-names.mjs "$out/${name}_bg.wasm" target/pkg-raw/$name.js "$out/${name}_bg.wasm" target/pkg-raw/$name.short.js
node scripts/trim-glue.mjs target/pkg-raw/$name.short.js
# One ES module: the glue, the runtime (error class, callback list) and the
# re-exports, bundled and minified. The wasm stays beside it.
cat > target/pkg-raw/index.entry.js <<JS
export * from './$name.short.js';
export { default } from './$name.short.js';
export { Embed, VivoMeetingsError } from './$runtime_rel';
JS
node_modules/.bin/esbuild --log-level=warning --bundle --minify --format=esm --platform=neutral \
  target/pkg-raw/index.entry.js --outfile="$out/index.js"
grep -q "new URL(\"${name}_bg.wasm\",import.meta.url)" "$out/index.js" \
  || { echo "index.js lost the wasm's URL next to the module" >&2; exit 1; }

cat > "$out/index.d.ts" <<TS
/// <reference lib="esnext.disposable" />
export * from './$name.js';
export { default } from './$name.js';
import type { ErrorCode } from './$name.js';

/** The error every function of the library throws. */
export declare class VivoMeetingsError extends Error {
  readonly name: 'VivoMeetingsError';
  /** A stable machine-readable code. */
  readonly code: ErrorCode;
  /** The option the error is about, where one applies (e.g. \`'view'\`, \`'params.name'\`). */
  readonly field?: string;
}
TS

# The script-tag bundle: one classic script defining window.VivoMeetings,
# built on the npm entry above, so both carry the same runtime wiring.
cat > target/global-entry.js <<JS
// window.VivoMeetings: the npm package's exports plus \`ready\`, a Promise
// that resolves once the wasm (fetched from beside this script) is loaded.
import init from './pkg-raw/index.entry.js';
export * from './pkg-raw/index.entry.js';
// The wasm sits beside this script; an inlined copy has no src: then the page's URL.
const script = document.currentScript;
const wasm = new URL('${name}_bg.wasm', (script && script.src) || location.href);
export const ready = init({ module_or_path: wasm }).then(() => undefined);
JS
node_modules/.bin/esbuild --log-level=warning --bundle --minify --format=iife \
  --log-override:empty-import-meta=silent --global-name=VivoMeetings target/global-entry.js --outfile="$out/vivomeetings-embed.global.js"

cat > "$out/package.json" <<JSON
{
  "name": "vivomeetings-embed",
  "version": "$version",
  "description": "Embed VivoMeetings meeting rooms and livestreams, sign hosts in, and get typed meeting events.",
  "license": "MIT OR Apache-2.0",
  "type": "module",
  "main": "./index.js",
  "module": "./index.js",
  "types": "./index.d.ts",
  "exports": {
    ".": { "types": "./index.d.ts", "default": "./index.js" },
    "./global": "./vivomeetings-embed.global.js",
    "./${name}_bg.wasm": "./${name}_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": ["index.js", "index.d.ts", "$name.d.ts", "${name}_bg.wasm", "vivomeetings-embed.global.js"],
  "sideEffects": ["./index.js", "./vivomeetings-embed.global.js"],
  "keywords": ["vivomeetings", "video", "meetings", "iframe", "embed", "wasm"]
}
JSON
echo "built $out/ ($(cd "$out" && ls | tr '\n' ' '))"
