// For `make demo`: runs the README's webhook receiver
// (docs/examples/webhook-receiver.mjs) on a free port, registers it with the
// platform stand-in under a random secret, and keeps the events it receives
// for the demo page: GET /events[?after=N] answers
// {"events": [{"n", "receivedAt", "event"}]} (the last 100, oldest first;
// CORS for any origin). Exits when the stand-in stops.
//   node scripts/demo-receiver.mjs [--platform URL] [--port N] [--write FILE]
// --platform  the stand-in (default $VIVO_PLATFORM, else http://localhost:8081)
// --port      the receiver's port (default 0: a free one)
// --write     also writes {"receiver", "events"} (the two URLs, no secret) to
//             FILE, e.g. into a directory the stand-in mounts for the page
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { register } from 'node:module';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { platform: { type: 'string' }, port: { type: 'string', default: '0' }, write: { type: 'string' } },
});
const platform = (args.platform ?? process.env.VIVO_PLATFORM ?? 'http://localhost:8081').replace(/\/$/, '');

// The example imports 'vivomeetings-embed/server' as a partner's code does: resolve it to pkg/.
const entry = new URL('../pkg/server.js', import.meta.url).href;
register(
  'data:text/javascript,' +
    encodeURIComponent(
      `export async function resolve(s, c, next) { return s === 'vivomeetings-embed/server' ? { url: ${JSON.stringify(entry)}, shortCircuit: true } : next(s, c); }`,
    ),
);
const { webhookListener, logEvent } = await import('../docs/examples/webhook-receiver.mjs');

const KEEP = 100;
const events = [];
let count = 0;
const secret = randomBytes(24).toString('base64url');
const onWebhook = webhookListener({
  secret,
  onEvent(event) {
    logEvent(event);
    events.push({ n: ++count, receivedAt: new Date().toISOString(), event });
    if (events.length > KEEP) events.shift();
  },
});

const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://receiver');
  if (url.pathname !== '/events') return onWebhook(req, res);
  const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' };
  if (req.method === 'OPTIONS') return res.writeHead(204, { ...headers, 'Access-Control-Allow-Methods': 'GET' }).end();
  if (req.method !== 'GET') return res.writeHead(405, headers).end();
  const after = Number(url.searchParams.get('after')) || 0;
  res.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
  res.end(JSON.stringify({ events: events.filter((e) => e.n > after) }));
});
server.listen(Number(args.port), '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
if (args.write) writeFileSync(args.write, `${JSON.stringify({ receiver: origin, events: `${origin}/events` })}\n`);

/** POSTs JSON to the stand-in: its answer, or undefined when it is not up. */
async function standin(path, body) {
  try {
    const r = await fetch(platform + path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: await r.json() };
  } catch {
    return undefined;
  }
}

// The stand-in may still be starting (make demo starts both): retry for a minute.
let registered;
for (let i = 0; i < 240 && !registered; i++) {
  registered = await standin('/__standin/webhooks/endpoint', { url: `${origin}/hooks/vivo?secret=${secret}` });
  if (!registered) await new Promise((r) => setTimeout(r, 250));
}
if (registered?.status !== 200) {
  console.error(`demo-receiver: could not register with the stand-in at ${platform}: ${JSON.stringify(registered?.body ?? 'not reachable')}`);
  process.exit(1);
}
console.log(`webhook receiver: ${origin} (registered as ${registered.body.url}); received events: ${origin}/events`);

// Exit when the stand-in is gone (three failed checks in a row), so the receiver never outlives the demo.
let misses = 0;
setInterval(async () => {
  try {
    await (await fetch(`${platform}/__standin/webhooks/log`)).arrayBuffer();
    misses = 0;
  } catch {
    if (++misses >= 3) process.exit(0);
  }
}, 2000);
