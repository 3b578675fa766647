#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is already there.
# Only package registries are used: crates.io, npm and Debian's archive.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '[tools] %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# Rust target for the browser build.
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

# wasm-bindgen CLI at exactly the version in Cargo.lock.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "installing wasm-bindgen-cli $want (have: ${have:-none})"
  cargo install wasm-bindgen-cli --version "$want" --locked \
    || cargo install wasm-bindgen-cli --version "$want" --force
fi

# Chromium and its driver, from Debian.
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  say "installing chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# rust-src lets scripts/build-pkg.sh rebuild std for size (immediate-abort panics).
if [ ! -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library/std" ]; then
  say "adding the rust-src component"
  rustup component add rust-src || say "rust-src unavailable: the wasm will be larger"
fi

# Node tools (wasm-opt from binaryen, esbuild, TypeScript, playwright-core, and Deno, Bun and workerd for the
# server entry's runtime tests: each binary ships inside its npm package), pinned by package-lock.json.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing node tools (npm install, pinned by package-lock.json)"
  # Not `npm ci`: it insists on an optional dependency of vite's that the
  # registry no longer serves; `npm install` skips it and keeps the lock as is.
  npm install --no-audit --no-fund --loglevel=error
fi
say "ready: $(wasm-bindgen --version), $(/usr/bin/chromium --version 2>/dev/null | head -n1), node $(node --version)"
