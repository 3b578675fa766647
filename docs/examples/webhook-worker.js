// Receiving the platform's webhooks (handbook 11) in a Cloudflare Worker.
// The registered endpoint URL carries the secret:
// https://hooks.partner.example/hooks/vivo?secret=<VIVO_WEBHOOK_SECRET>
//   wrangler secret put VIVO_WEBHOOK_SECRET
import module from 'vivomeetings-embed/vivomeetings_embed_server_bg.wasm';
import { handleWebhook, initServer } from 'vivomeetings-embed/server';

// Workers forbid compiling wasm from bytes: hand the entry the imported module.
initServer({ module });

export default {
  async fetch(request, env, ctx) {
    let event;
    try {
      event = await handleWebhook(request, { secret: env.VIVO_WEBHOOK_SECRET });
    } catch (error) {
      if (error.code !== 'invalid_webhook') throw error; // a bug or a missing secret: a 500
      return new Response(null, { status: error.status }); // 405, 401, 413 or 400, and nothing more
    }
    ctx.waitUntil(onEvent(event, env)); // answer at once; work afterwards
    return new Response(null, { status: 200 });
  },
};

/** What to do with an event: here, log it. Treat it as a hint (see the Node example). */
async function onEvent(event, env) {
  console.log(`webhook ${event.event}`, JSON.stringify(event));
}
