// vivomeetings-embed/server outside Node, in the runtimes the README names:
// Deno, Bun and workerd (the runtime of Cloudflare Workers), each from its npm
// package (pinned in package.json). One module worker, e2e/runtimes/worker.mjs,
// is served by each and driven over HTTP: the ten handbook events from text
// and from bytes, every malformed body, handleWebhook over the runtime's own
// Request with each refusal's status, and the OAuth token calls against the
// stand-in. Deno runs it with network access to loopback only: the entry
// needs no file or environment access. workerd forbids compiling wasm from
// bytes, so it also checks the README's initServer({ module }) recipe.
//   scripts/with-standin.sh node --test e2e/runtimes.test.mjs
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SECRET } from './runtimes/worker.mjs';
import { startServer } from './stacks/lib.mjs';
import { authorizeCode, DEMO, DEMO_REDIRECT, hostFetch, postJson, until } from './standin-http.mjs';
import { BAD, body, ENDED, GOOD, ids, json, LINK, padded, stream, TEN } from './webhook-cases.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const bin = (name) => `${ROOT}node_modules/.bin/${name}`;

/** How each runtime serves the worker, and the line that says on which port. */
const RUNTIMES = [
  {
    name: 'Deno',
    command: [bin('deno'), ['run', '--allow-net=127.0.0.1,localhost', 'e2e/runtimes/serve.mjs']],
    env: { DENO_NO_UPDATE_CHECK: '1', DENO_NO_PROMPT: '1' },
    ready: /listening on (\d+)/,
  },
  { name: 'Bun', command: [bin('bun'), ['e2e/runtimes/serve.mjs']], ready: /listening on (\d+)/ },
  {
    name: 'workerd',
    // --control-fd 1: workerd writes the port it bound on standard output.
    command: [bin('workerd'), ['serve', 'e2e/runtimes/workerd.capnp', '--socket-addr', 'http=127.0.0.1:0', '--control-fd', '1']],
    ready: /"socket":"http","port":(\d+)/,
    compilesBytes: false,
  },
];

const SECRET_IN_QUERY = `/hooks/vivo?secret=${encodeURIComponent(SECRET)}`;

/** Asserts that a described error (worker.mjs) is `invalid_webhook` 400 on `field` (when given). */
function malformed(error, field, what) {
  assert.ok(error, `${what}: expected a refusal`);
  assert.equal(error.vivo, true, `${what}: a VivoMeetingsError (${error.message})`);
  assert.equal(error.code, 'invalid_webhook', `${what}: ${error.message}`);
  assert.equal(error.status, 400, `${what}: ${error.message}`);
  if (field !== undefined) assert.equal(error.field, field, `${what}: ${error.message}`);
}

for (const runtime of RUNTIMES) {
  describe(`vivomeetings-embed/server in ${runtime.name}`, () => {
    let server;
    let origin;
    let beforeInit;
    const at = (path, init) => fetch(origin + path, init);
    const ask = async (path, value) => (await at(path, { method: 'POST', body: json(value) })).json();
    /** What /parse answers for the body `raw`. */
    const parse = async (raw) => (await at('/parse', { method: 'POST', body: raw })).json();

    before(async () => {
      const [cmd, args] = runtime.command;
      server = await startServer(cmd, args, { cwd: ROOT, env: runtime.env, readyPattern: runtime.ready, timeout: 60_000 });
      origin = `http://127.0.0.1:${server.match[1]}`;
      // The first request, before any other has initialised the wasm.
      if (runtime.compilesBytes === false) beforeInit = await (await at('/before-init')).json();
    });
    after(() => server?.stop());

    if (runtime.compilesBytes === false) {
      test('a call before initServer({ module }) is not_ready, naming the recipe', () => {
        assert.deepEqual([beforeInit.error?.vivo, beforeInit.error?.code], [true, 'not_ready'], json(beforeInit));
        assert.match(beforeInit.error.message, /cannot compile wasm from bytes .*call initServer\(\{ module \}\)/);
      });
    }

    if (runtime.compilesBytes === false) {
      test('the main entry, as Workers resolve it, with initSync({ module }): a meeting URL and an Enterprise API call', async () => {
        const code = await authorizeCode({ clientId: DEMO.clientId, redirectUri: DEMO_REDIRECT });
        const { value: tokens } = await ask('/token', { call: 'exchangeCode', options: { ...DEMO, code, redirectUri: DEMO_REDIRECT } });
        const { value, error } = await ask('/enterprise', { domain: DEMO.domain, accessToken: tokens.accessToken });
        assert.equal(error, undefined, json(error));
        const { url, host } = value;
        assert.equal(url, `${DEMO.domain}/conf/call/123456?skip_join=true`);
        assert.equal(host.host_id, 8);
        const revoked = await ask('/enterprise', { domain: DEMO.domain, accessToken: 'no-such-token' });
        // A VivoMeetingsError of index.js is one of server.js too (worker.mjs checks with the latter's class).
        assert.deepEqual([revoked.error.vivo, revoked.error.code, revoked.error.status], [true, 'unauthorized', 401]);
      });
    }

    test('parseWebhook: the ten handbook events, from the body as text and as bytes', async () => {
      for (const [event, payload, fields] of TEN) {
        const expected = { event, known: true, ...fields };
        const parsed = await parse(body(event, payload));
        assert.deepEqual(parsed, { text: { value: expected }, bytes: { value: expected } }, event);
        assert.deepEqual(Object.keys(parsed.bytes.value), Object.keys(expected), `${event}: key order`);
      }
      const unknown = await parse(body('chat_message', { text: 'hi', n: [1.5, null] }));
      assert.deepEqual(unknown.bytes, { value: { event: 'chat_message', known: false, payload: { text: 'hi', n: [1.5, null] } } });
    });

    test('parseWebhook: every malformed body is invalid_webhook 400 naming its field', async () => {
      for (const [name, raw, field] of BAD) {
        const { text, bytes } = await parse(raw);
        malformed(bytes.error, field, `${name} (bytes)`);
        // Bytes that are not UTF-8 have no text form.
        if (typeof raw === 'string') malformed(text.error, field, `${name} (text)`);
        else assert.equal(text, null, name);
      }
    });

    test("handleWebhook over the runtime's Request: the secret in the query or as the last path segment", async () => {
      for (const path of [SECRET_IN_QUERY, `/hooks/vivo/${encodeURIComponent(SECRET)}`]) {
        const r = await at(path, { method: 'POST', body: GOOD });
        assert.equal(r.status, 200, path);
        assert.deepEqual(await r.json(), ENDED, path);
      }
      const full = await at(SECRET_IN_QUERY, { method: 'POST', body: padded(65536) });
      assert.deepEqual([full.status, await full.json()], [200, ENDED], 'exactly 64 KiB');
      const unknown = await at(SECRET_IN_QUERY, { method: 'POST', body: body('new_event', { a: 1 }) });
      assert.deepEqual(await unknown.json(), { event: 'new_event', known: false, payload: { a: 1 } });
    });

    test('handleWebhook: each refusal is invalid_webhook with the status to answer', async () => {
      const cases = [
        ['GET', SECRET_IN_QUERY, { method: 'GET' }, 405, 'method'],
        ['PUT', SECRET_IN_QUERY, { method: 'PUT', body: GOOD }, 405, 'method'],
        ['no secret', '/hooks/vivo', { method: 'POST', body: GOOD }, 401],
        ['a wrong secret', '/hooks/vivo?secret=nope', { method: 'POST', body: GOOD }, 401],
        ['the secret extended', `/hooks/vivo/${encodeURIComponent(SECRET)}x`, { method: 'POST', body: GOOD }, 401],
        ['64 KiB + 1', SECRET_IN_QUERY, { method: 'POST', body: padded(65537) }, 413, 'body'],
        // Just over the limit: a runtime may close the connection once it has
        // answered, and a client still writing more would see EPIPE instead.
        ['65 KiB streamed without Content-Length', SECRET_IN_QUERY, { method: 'POST', body: stream(65), duplex: 'half' }, 413, 'body'],
        ['not JSON', SECRET_IN_QUERY, { method: 'POST', body: 'hello' }, 400, 'body'],
      ];
      for (const [name, path, init, status, field] of cases) {
        const r = await at(path, init).catch((e) => assert.fail(`${name}: ${e.message} (${e.cause?.message})`));
        const { error } = await r.json();
        assert.equal(r.status, status, `${name}: ${json(error)}`);
        assert.deepEqual([error.vivo, error.code, error.status], [true, 'invalid_webhook', status], name);
        if (field) assert.equal(error.field, field, name);
        assert.ok(!error.message.includes(SECRET) && !error.message.includes(encodeURIComponent(SECRET)), `${name}: the secret is not quoted`);
      }
      for (const [name, raw, field] of BAD) {
        const r = await at(SECRET_IN_QUERY, { method: 'POST', body: raw });
        malformed((await r.json()).error, field, name);
        assert.equal(r.status, 400, name);
      }
    });

    test('exchangeCode, refreshToken and revokeToken against the stand-in', async () => {
      const call = (name, options) => ask('/token', { call: name, options });
      const code = await authorizeCode({ clientId: DEMO.clientId, redirectUri: DEMO_REDIRECT });
      const { value: tokens, error } = await call('exchangeCode', { ...DEMO, code, redirectUri: DEMO_REDIRECT });
      assert.equal(error, undefined, json(error));
      assert.deepEqual(Object.keys(tokens).sort(), ['accessToken', 'expiresAt', 'refreshToken', 'scope', 'tokenType']);
      assert.equal(tokens.tokenType, 'Bearer');
      assert.equal((await hostFetch(tokens.accessToken))[0], 200);

      const { value: fresh } = await call('refreshToken', { ...DEMO, refreshToken: tokens.refreshToken });
      assert.notEqual(fresh.accessToken, tokens.accessToken);
      assert.equal((await hostFetch(fresh.accessToken))[0], 200);
      assert.equal((await hostFetch(tokens.accessToken))[0], 401, 'refreshing revoked the old pair');

      assert.deepEqual(await call('revokeToken', { ...DEMO, token: fresh.accessToken }), { value: null });
      assert.equal((await hostFetch(fresh.accessToken))[0], 401);

      const denied = await call('exchangeCode', { ...DEMO, clientSecret: 'wrong-secret', code: 'any', redirectUri: DEMO_REDIRECT });
      assert.deepEqual(
        [denied.error.vivo, denied.error.code, denied.error.oauthError, denied.error.status],
        [true, 'oauth_error', 'invalid_client', 401],
      );
    });

    test('a token endpoint that redirects is network_error, and the redirect is not followed', async () => {
      let requests = 0;
      const redirecting = createServer((req, res) => {
        requests++;
        res.writeHead(307, { location: `${DEMO.domain}/oauth/token` }).end();
      });
      redirecting.listen(0, '127.0.0.1');
      await once(redirecting, 'listening');
      try {
        const domain = `http://127.0.0.1:${redirecting.address().port}`;
        const { error } = await ask('/token', { call: 'refreshToken', options: { ...DEMO, domain, refreshToken: 'r' } });
        assert.equal(error?.code, 'network_error', json(error));
        assert.match(error.message, /redirects are not followed/);
        assert.equal(requests, 1);
      } finally {
        redirecting.close();
      }
    });
  });
}

describe("the README's Cloudflare Worker example (docs/examples/webhook-worker.js) in workerd, receiving the stand-in's webhooks", () => {
  const config = 'e2e/runtimes/webhook-worker.capnp';
  // The secret is the config's text binding, as `wrangler secret put` would set it.
  const secret = readFileSync(join(ROOT, config), 'utf8').match(/name = "VIVO_WEBHOOK_SECRET", text = "([^"]+)"/)[1];
  let server;
  let origin;
  /** The events the worker logged (`webhook <name> <json>`), in order. */
  const logged = () => [...server.output().matchAll(/^webhook \S+ (\{.*\})$/gm)].map((m) => JSON.parse(m[1]));

  before(async () => {
    server = await startServer(bin('workerd'), ['serve', config, '--socket-addr', 'http=127.0.0.1:0', '--control-fd', '1'], {
      cwd: ROOT,
      readyPattern: /"socket":"http","port":(\d+)/,
      timeout: 60_000,
    });
    origin = `http://127.0.0.1:${server.match[1]}`;
    const r = await postJson('/__standin/webhooks/endpoint', { url: `${origin}/hooks/vivo?secret=${secret}` });
    assert.equal(r.status, 200);
  });
  after(async () => {
    await postJson('/__standin/webhooks/endpoint', { url: null });
    await server?.stop();
  });

  test('the stand-in delivers each of the ten events: answered 200, typed in the handler', async () => {
    const extra = { recording_ready: { recordingId: 12345, downloadLink: LINK }, enter_livestream: { participantId: 4242 }, leave_livestream: { participantId: 4242 } };
    for (const [index, [event]] of TEN.entries()) {
      const conferenceId = 810000 + index;
      const r = await postJson('/__standin/webhooks/send', { event, payload: { conference_id: conferenceId } });
      const delivery = await r.json();
      assert.equal(delivery.status, 200, `${event}: ${json(delivery)}`);
      const got = await until(() => logged().find((e) => e.conferenceId === conferenceId), event);
      assert.deepEqual(got, { event, known: true, hostId: 8, conferenceId, ...extra[event] });
    }
  });

  test('forged and malformed requests get the refusal status, an empty body, and reach no handler', async () => {
    const before = logged().length;
    const forged = body('recording_ready', { ...ids, recording_id: 1, download_link: LINK });
    const cases = [
      ['/hooks/vivo', { method: 'POST', body: forged }, 401],
      [`/hooks/vivo?secret=${secret.slice(1)}`, { method: 'POST', body: forged }, 401],
      [`/hooks/vivo?secret=${secret}`, { method: 'GET' }, 405],
      [`/hooks/vivo?secret=${secret}`, { method: 'POST', body: 'x'.repeat(65537) }, 413],
      [`/hooks/vivo?secret=${secret}`, { method: 'POST', body: 'not json' }, 400],
      [`/hooks/vivo?secret=${secret}`, { method: 'POST', body: body('recording_ready', { ...ids, recording_id: 1, download_link: 'https://169.254.169.254/' }) }, 400],
    ];
    for (const [path, init, status] of cases) {
      const r = await fetch(origin + path, init);
      assert.equal(r.status, status, `${init.method} ${path.replace(secret, '<secret>')}`);
      assert.equal(await r.text(), '', 'no details');
    }
    const ok = await fetch(`${origin}/hooks/vivo/${secret}`, { method: 'POST', body: body('conference_end', { host_id: 1, conference_id: 820001 }) });
    assert.equal(ok.status, 200, 'the secret as the last path segment');
    await until(() => logged().find((e) => e.conferenceId === 820001), 'the path-secret event');
    assert.equal(logged().length, before + 1, 'only the accepted event reached the handler');
  });
});
