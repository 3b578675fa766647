// worker.mjs as a Cloudflare worker (workerd.capnp). Like Workers, workerd
// forbids compiling wasm from bytes while it handles a request, so the
// README's recipe applies: import the .wasm as a module and pass it to
// initServer. GET /before-init, the test's first request, tells what a call
// does before that. POST /enterprise {domain, accessToken} uses the main
// entry as Workers' bundlers resolve it (pkg/index.js, with its wasm handed
// to initSync): a meeting URL and an Enterprise API call.
import module from '../../pkg/vivomeetings_embed_server_bg.wasm';
import mainModule from '../../pkg/vivomeetings_embed_bg.wasm';
import { initSync, meetingUrl, VivoMeetings } from '../../pkg/index.js';
import { initServer, parseWebhook } from '../../pkg/server.js';
import worker, { settle } from './worker.mjs';

/** The main entry: the URL of room 123456 and `host/fetch`'s answer. */
async function mainEntry({ domain, accessToken }) {
  initSync({ module: mainModule });
  const url = meetingUrl({ domain, accessCode: '123456', skipJoin: true });
  const host = await new VivoMeetings({ domain }).enterpriseApi({ accessToken }).call('host/fetch');
  return { url, host };
}

export default {
  async fetch(request) {
    const { pathname } = new URL(request.url);
    if (pathname === '/before-init') return Response.json(await settle(() => parseWebhook('{}')));
    if (pathname === '/enterprise') {
      const options = await request.json();
      return Response.json(await settle(() => mainEntry(options)));
    }
    initServer({ module });
    return worker.fetch(request);
  },
};
