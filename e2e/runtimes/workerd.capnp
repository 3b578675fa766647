# workerd (the runtime of Cloudflare Workers) serving workerd-entry.mjs.
#   workerd serve e2e/runtimes/workerd.capnp --socket-addr http=127.0.0.1:<port>
# Module names mirror the repository's paths, so the relative imports resolve
# as they do on disk. Outbound requests may reach loopback (the stand-in).
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "worker", worker = .worker),
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8790", http = (), service = "worker")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "e2e/runtimes/workerd-entry.mjs", esModule = embed "workerd-entry.mjs"),
    (name = "e2e/runtimes/worker.mjs", esModule = embed "worker.mjs"),
    (name = "pkg/server.js", esModule = embed "../../pkg/server.js"),
    (name = "pkg/vivomeetings_embed_server_bg.wasm", wasm = embed "../../pkg/vivomeetings_embed_server_bg.wasm"),
    (name = "pkg/index.js", esModule = embed "../../pkg/index.js"),
    (name = "pkg/vivomeetings_embed_bg.wasm", wasm = embed "../../pkg/vivomeetings_embed_bg.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  globalOutbound = "internet",
);
