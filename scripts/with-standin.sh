#!/usr/bin/env bash
# Usage: scripts/with-standin.sh COMMAND [ARGS...]
# Starts the platform stand-in on free ports, exports VIVO_PLATFORM and
# VIVO_APP (its two origins), runs COMMAND, and stops the stand-in.
# COMMAND runs in a process group of its own, which is killed when it ends:
# a browser it leaves behind goes too (wasm-bindgen-test-runner closes only
# its own window, so a tab the sign-in tests open keeps Chromium running).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cargo build --quiet --manifest-path "$root/Cargo.toml" -p vivomeetings-standin
log=$(mktemp)
"$root/target/debug/vivomeetings-standin" --platform-port 0 --app-port 0 \
  --mount /="$root/www" --mount /pkg="$root/pkg" --mount /e2e="$root/e2e/pages" --mount /csp="$root/e2e/csp" \
  --mount /consumer="$root/e2e/consumer/dist" >"$log" 2>&1 &
pid=$!
cmd=
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"
      [ -z "$cmd" ] || kill -KILL -- -"$cmd" 2>/dev/null || true' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
for _ in $(seq 200); do
  grep -q '^app: ' "$log" && break
  kill -0 "$pid" 2>/dev/null || { echo "stand-in failed to start:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.05
done
VIVO_PLATFORM=$(sed -n 's/^platform: //p' "$log")
VIVO_APP=$(sed -n 's/^app: //p' "$log")
[ -n "$VIVO_APP" ] || { echo "stand-in did not report its origins:" >&2; cat "$log" >&2; exit 1; }
export VIVO_PLATFORM VIVO_APP
echo "stand-in: platform $VIVO_PLATFORM, app $VIVO_APP"
set -m # background jobs get their own process group
"$@" &
cmd=$!
set +m
wait "$cmd"
