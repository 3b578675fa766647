// Serves worker.mjs with the runtime's own HTTP server (Deno.serve or
// Bun.serve) on a free loopback port, and prints `listening on <port>`.
import worker from './worker.mjs';

const listening = (port) => console.log(`listening on ${port}`);
if (globalThis.Deno) {
  Deno.serve({ hostname: '127.0.0.1', port: 0, onListen: ({ port }) => listening(port) }, worker.fetch);
} else {
  listening(Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: worker.fetch }).port);
}
