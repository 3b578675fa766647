// worker.mjs as a Cloudflare worker (workerd.capnp). Like Workers, workerd
// forbids compiling wasm from bytes while it handles a request, so the
// README's recipe applies: import the .wasm as a module and pass it to
// initServer. GET /before-init, the test's first request, tells what a call
// does before that.
import module from '../../pkg/vivomeetings_embed_server_bg.wasm';
import { initServer, parseWebhook } from '../../pkg/server.js';
import worker from './worker.mjs';

export default {
  fetch(request) {
    if (new URL(request.url).pathname === '/before-init') {
      try {
        return Response.json({ value: parseWebhook('{}') });
      } catch (e) {
        return Response.json({ error: { code: e.code, message: e.message } });
      }
    }
    initServer({ module });
    return worker.fetch(request);
  },
};
