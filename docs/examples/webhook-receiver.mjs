// Receiving the platform's webhooks (handbook 11) with node:http.
// The handbook defines no signature: register your endpoint URL with a secret
// in it, https://partner.example/hooks/vivo?secret=<VIVO_WEBHOOK_SECRET>
// (or …/hooks/vivo/<secret>), and keep that URL out of logs.
//   PORT=3000 VIVO_WEBHOOK_SECRET=… node webhook-receiver.mjs
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { handleWebhook } from 'vivomeetings-embed/server';

/** A node:http request listener for the endpoint; `onEvent` gets each accepted event. */
export function webhookListener({ secret, onEvent = logEvent }) {
  return async (req, res) => {
    let event;
    try {
      // node:http → a standard Request. The secret is in the path or query: the
      // (client-chosen) Host header is not needed.
      const request = new Request(new URL(req.url, 'http://localhost'), {
        method: req.method,
        headers: req.headers,
        body: req.method === 'GET' || req.method === 'HEAD' ? undefined : Readable.toWeb(req),
        duplex: 'half',
      });
      event = await handleWebhook(request, { secret });
    } catch (error) {
      // A refusal carries the status to answer (405, 401, 413, 400): answer it, say nothing more.
      if (error.code !== 'invalid_webhook') console.error('webhook receiver:', error);
      res.writeHead(error.status ?? 500, { 'Content-Length': 0, Connection: 'close' }).end();
      return;
    }
    res.writeHead(200, { 'Content-Length': 0 }).end(); // answer at once; work afterwards
    try {
      await onEvent(event);
    } catch (error) {
      console.error('webhook handler:', error); // an exception here must not crash the server
    }
  };
}

/** What to do with an event: here, log it. */
export function logEvent(event) {
  console.log(`webhook ${event.event}`, JSON.stringify(event));
  // Anyone who learns the endpoint URL can post any payload: treat it as a hint.
  // Before you act on it (bill, notify, publish), re-read the facts through the
  // Enterprise API, e.g. conference/fetch with { conference_id: event.conferenceId }.
  if (event.event === 'recording_ready') {
    // downloadLink is an https: URL on no loopback, private or link-local address,
    // but its host name may still resolve to one: check the host against the
    // platform's download hosts (or fetch through an egress proxy) before fetching it.
  }
  // event.known === false: an event newer than this package; its payload is as sent.
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const secret = process.env.VIVO_WEBHOOK_SECRET;
  if (!secret) throw new Error('set VIVO_WEBHOOK_SECRET (the secret in your registered endpoint URL)');
  createServer(webhookListener({ secret })).listen(Number(process.env.PORT ?? 3000));
}
