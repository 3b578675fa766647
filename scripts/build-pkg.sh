#!/usr/bin/env bash
# Builds the npm package into pkg/ and the script-tag bundle beside it.
#   release wasm -> wasm-opt -Oz (the exports' ABI is written out, in
#   src/wasm/abi.rs and js/abi.js: no generated glue)
#   + the JS layer (js/*.js) bundled by esbuild:
#     index.js (browsers, bundlers), node.js (Node 20+), vivomeetings-embed.global.js (script tag)
#   + index.d.ts (js/index.d.ts, the published types) + package.json, README, LICENSE
set -euo pipefail
cd "$(dirname "$0")/.."
# Built into target/pkg-next, then swapped in for pkg/ at the end, so a test
# running meanwhile never sees a half-built package.
out=target/pkg-next
raw=target/pkg-raw
name=vivomeetings_embed
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n1)

# Inlining is tuned for gzip, not raw bytes (measured on this crate: LLVM
# at threshold 40 and small wasm-opt inlining limits give less gzipped wasm
# than the defaults). WASM_OPT_FLAGS overrides wasm-opt's. The static data
# goes first, below the stack (--no-stack-first): its addresses then fit in
# two-byte constants (130 B less gzipped wasm). The 128 KiB stack is far
# more than the code's bounded depth needs (JSON nesting is at most 32).
size_flags="-Clink-arg=-zstack-size=131072 -Clink-arg=--no-stack-first -Cllvm-args=-inline-threshold=40"
wasm_opt_flags="${WASM_OPT_FLAGS:--Oz --converge --one-caller-inline-max-function-size=10 --always-inline-max-function-size=5}"
# With the rust-src component (scripts/tools.sh installs it), std is rebuilt
# for size with panics that abort at once (no panic message formatting).
# That needs -Z flags, which stable rustc takes under RUSTC_BOOTSTRAP=1; the
# code is the same, only the panic path differs. VIVO_PLAIN_STD=1 (or no
# rust-src) builds with the prebuilt std instead: a larger wasm.
# build FEATURES OUT: the release wasm of the crate with FEATURES, copied to OUT.
if [ "${VIVO_PLAIN_STD:-}" != 1 ] && [ -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]; then
  build() {
    RUSTC_BOOTSTRAP=1 RUSTFLAGS="${RUSTFLAGS:-} $size_flags -Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=none" \
      cargo build --quiet --release --lib --target wasm32-unknown-unknown -p vivomeetings-embed --features "$1" \
      -Z build-std=std,panic_abort --target-dir target/build-std
    cp target/build-std/wasm32-unknown-unknown/release/$name.wasm "$2"
  }
else
  echo "note: building with the prebuilt std (larger wasm)" >&2
  build() {
    RUSTFLAGS="${RUSTFLAGS:-} $size_flags" cargo build --quiet --release --lib --target wasm32-unknown-unknown \
      -p vivomeetings-embed --features "$1" --target-dir target/plain-std
    cp target/plain-std/wasm32-unknown-unknown/release/$name.wasm "$2"
  }
fi
mkdir -p target
build package target/browser.wasm
build package,server target/server.wasm
rm -rf "$out" "$raw"
mkdir -p "$out"
# optimise WASM OUT: the release wasm through wasm-opt.
optimise() {
  node_modules/.bin/wasm-opt $wasm_opt_flags --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    --strip-debug --strip-producers --strip-target-features "$1" -o "$2"
}
optimise target/browser.wasm "$out/${name}_bg.wasm"
optimise target/server.wasm "$out/${name}_server_bg.wasm"
# The JS layer is bundled from a copy, beside the inlined wasm the server
# entries import (no file access needed on any runtime, and no file for a
# bundler to move).
mkdir -p "$raw"
cp js/*.js "$raw/"
printf 'export const wasmBase64 = "%s";\n' "$(base64 -w0 "$out/${name}_server_bg.wasm")" > "$raw/server-wasm.js"
printf 'export const wasmBase64 = "%s";\n' "$(base64 -w0 "$out/${name}_bg.wasm")" > "$raw/browser-wasm.js"
# bundle ENTRY OUT ESBUILD-ARGS...: esbuild bundles, terser minifies keeping
# class names, so partners see VivoMeetings, Embed, VivoMeetingsError and
# EnterpriseApi in DevTools and stack traces (measured: smaller than
# esbuild --minify, which renames them, and than esbuild --keep-names).
bundle() {
  local entry=$1 out=$2
  shift 2
  local module=--module
  case " $* " in *" --format=iife "*) module= ;; esac
  node_modules/.bin/esbuild --log-level=warning --bundle "$@" "$entry" --outfile="$out.tmp.js"
  node_modules/.bin/terser "$out.tmp.js" $module --compress passes=2 --output "$out" \
    --mangle reserved=[VivoMeetings,Embed,VivoMeetingsError,EnterpriseApi] --keep-classnames
  rm "$out.tmp.js"
}
bundle "$raw/index.js" "$out/index.js" --format=esm --platform=neutral
bundle "$raw/node.js" "$out/node.js" --format=esm --platform=node
bundle "$raw/server.js" "$out/server.js" --format=esm --platform=neutral
bundle "$raw/global.js" "$out/vivomeetings-embed.global.js" --format=iife --global-name=VivoMeetings \
  --log-override:empty-import-meta=silent
# The custom elements (entry ./element) share the npm entry's wasm and classes:
# ./index.js stays an import.
bundle "$raw/element.js" "$out/element.js" --format=esm --platform=neutral --external:./index.js
grep -q "new URL(\"${name}_bg.wasm\",import.meta.url)" "$out/index.js" \
  || { echo "index.js lost the wasm's URL next to the module" >&2; exit 1; }
cp js/index.d.ts js/server.d.ts js/enterprise.d.ts src/core/enterprise_methods.d.ts "$out/"
cp js/element.d.ts "$out/"
cp README.md LICENSE "$out/"

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
    ".": { "types": "./index.d.ts", "node": "./node.js", "default": "./index.js" },
    "./server": { "types": "./server.d.ts", "default": "./server.js" },
    "./element": { "types": "./element.d.ts", "default": "./element.js" },
    "./${name}_server_bg.wasm": "./${name}_server_bg.wasm",
    "./global": "./vivomeetings-embed.global.js",
    "./${name}_bg.wasm": "./${name}_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": ["element.js", "element.d.ts", "index.js", "node.js", "server.js", "server.d.ts", "${name}_server_bg.wasm", "index.d.ts", "enterprise.d.ts", "enterprise_methods.d.ts", "${name}_bg.wasm", "vivomeetings-embed.global.js", "README.md", "LICENSE"],
  "sideEffects": ["./element.js", "./index.js", "./node.js", "./vivomeetings-embed.global.js"],
  "engines": { "node": ">=20" },
  "keywords": ["vivomeetings", "video", "meetings", "iframe", "embed", "wasm"]
}
JSON
rm -rf target/pkg-old
if [ -d pkg ]; then mv pkg target/pkg-old; fi
mv "$out" pkg
rm -rf target/pkg-old
echo "built pkg/ ($(cd pkg && ls | tr '\n' ' '))"
