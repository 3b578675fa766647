# The two commands of the README: `make demo` and `make test`.
# Each installs what is missing first (scripts/tools.sh) and skips what is there.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER := /usr/bin/chromedriver
WASM_TEST := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner cargo test --target wasm32-unknown-unknown -p vivomeetings-embed --test 'browser_*'

.PHONY: demo test tools pkg lint test-native test-browser test-e2e test-size bench clean

## make demo: build the package and serve the demo on the local platform stand-in,
## with the webhook receiver example registered with it (the demo shows its events).
demo: tools pkg
	cargo build --quiet -p vivomeetings-standin
	@mkdir -p target/demo-receiver && rm -f target/demo-receiver/receiver.json
	@echo "Open the demo app at http://127.0.0.1:8080/  (platform stand-in: http://localhost:8081)  Ctrl-C stops it."
	node scripts/demo-receiver.mjs --platform http://localhost:8081 --write target/demo-receiver/receiver.json & receiver=$$!; \
	trap 'kill $$receiver 2>/dev/null' EXIT INT TERM; \
	target/debug/vivomeetings-standin --platform-port 8081 --app-port 8080 \
	  --mount /=www --mount /pkg=pkg --mount /e2e=e2e/pages --mount /csp=e2e/csp --mount /consumer=e2e/consumer/dist \
	  --mount /demo-receiver=target/demo-receiver

## make test: every test.
test: tools lint test-native pkg test-size test-browser test-e2e
	@echo "make test: all suites passed"

tools:
	@scripts/tools.sh

pkg: tools
	scripts/build-pkg.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --quiet --workspace --all-targets -- -D warnings
	cargo clippy --quiet -p vivomeetings-embed --all-targets --features serde -- -D warnings
	cargo clippy --quiet -p vivomeetings-embed --all-targets --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --quiet -p vivomeetings-embed --lib --features package --target wasm32-unknown-unknown -- -D warnings
	cargo clippy --quiet -p vivomeetings-embed --lib --features package,server --target wasm32-unknown-unknown -- -D warnings

test-native:
	cargo test --workspace
	cargo test -p vivomeetings-embed --features serde

test-browser:
	scripts/with-standin.sh env $(WASM_TEST)

# The size budget: the browser entry + wasm (everything a page loads for
# embeds, events, SSO and OAuth) at most 25,000 B gzip -9, measured on the
# release package built just before (`scripts/size.mjs --budget`).
test-size: pkg
	node scripts/size.mjs --budget

# One test file at a time: the files share the stand-in's one webhook endpoint.
test-e2e:
	scripts/with-standin.sh node --test --test-concurrency=1 e2e/ docs/

bench: tools pkg
	node bench/run.mjs

clean:
	rm -rf pkg target/pkg-raw
