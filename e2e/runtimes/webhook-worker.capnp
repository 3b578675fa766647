# workerd serving the README's Cloudflare Worker example
# (docs/examples/webhook-worker.js) as Workers would: the package's modules
# under the names it imports them by, the secret as a text binding.
#   workerd serve e2e/runtimes/webhook-worker.capnp --socket-addr http=127.0.0.1:<port>
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "worker", worker = .worker)],
  sockets = [(name = "http", address = "127.0.0.1:8790", http = (), service = "worker")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "../../docs/examples/webhook-worker.js"),
    (name = "vivomeetings-embed/server", esModule = embed "../../pkg/server.js"),
    (name = "vivomeetings-embed/vivomeetings_embed_server_bg.wasm", wasm = embed "../../pkg/vivomeetings_embed_server_bg.wasm"),
  ],
  bindings = [(name = "VIVO_WEBHOOK_SECRET", text = "wk-s3cr3t-0123456789abcdef")],
  compatibilityDate = "2026-11-01",
);
