// The server entry (vivomeetings-embed/server, pkg/server.js) in Node:
// webhooks (handbook 11: the ten events, every refusal of issue 13 with its
// HTTP status, a bounded fuzz loop), the receiver example against the
// stand-in's real deliveries, and the OAuth token calls (handbook 12.6.1,
// 12.7.2) against the stand-in's authorize flow, driven over HTTP.
//   scripts/with-standin.sh node --test e2e/server.test.mjs
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { resolvePackageToPkg } from './helpers.mjs';
import { PLAIN } from './plain-env.mjs';
import { authorizeCode, DEMO, DEMO_REDIRECT, hostFetch, postJson, standin, until } from './standin-http.mjs';
import { BAD, body, deep, ENDED, GOOD, ids, json, LINK, padded, stream, TEN } from './webhook-cases.mjs';

const PLATFORM = process.env.VIVO_PLATFORM;
const APP = process.env.VIVO_APP;
if (!PLATFORM || !APP) {
  throw new Error('VIVO_PLATFORM and VIVO_APP are not set. Run through the stand-in:\n  scripts/with-standin.sh node --test e2e/server.test.mjs');
}

const root = new URL('../', import.meta.url);
const SERVER = new URL('pkg/server.js', root).href;
// The examples import 'vivomeetings-embed/server' as a partner would: resolve it to pkg/.
resolvePackageToPkg();
const server = await import(SERVER);
const { parseWebhook, handleWebhook, exchangeCode, refreshToken, revokeToken, VivoMeetingsError } = server;

/** Asserts that `fn` throws (or rejects with) `invalid_webhook` with `status` (and `field`, when given). */
async function refused(fn, status, field) {
  let error;
  try {
    await fn();
  } catch (e) {
    error = e;
  }
  assert.ok(error instanceof VivoMeetingsError, `expected a VivoMeetingsError, got ${error}`);
  assert.equal(error.code, 'invalid_webhook', error.message);
  assert.equal(error.status, status, error.message);
  if (field !== undefined) assert.equal(error.field, field, error.message);
  return error;
}


describe('parseWebhook: the ten handbook events', () => {
  for (const [event, payload, fields] of TEN) {
    test(event, () => {
      const raw = body(event, payload);
      const expected = { event, known: true, ...fields };
      const bytes = new TextEncoder().encode(raw);
      for (const [kind, input] of [
        ['string', raw],
        ['Uint8Array', bytes],
        ['Buffer', Buffer.from(raw)],
        ['ArrayBuffer', bytes.buffer.slice(0)],
      ]) {
        const parsed = parseWebhook(input);
        assert.deepEqual(parsed, expected, kind);
        assert.deepEqual(Object.keys(parsed), Object.keys(expected), `${kind}: key order`);
      }
      // Extra payload keys and extra body keys are ignored.
      assert.deepEqual(parseWebhook(json({ event, payload: json({ ...payload, extra: [1, { a: 'b' }] }), delivery: 7 })), expected);
    });
  }
  test('the handbook example (11.1), byte for byte', () => {
    const raw = '{"event":"conference_end","payload":"{\\"conference_id\\":1258835,\\"host_id\\":61803}"}';
    assert.deepEqual(parseWebhook(raw), { event: 'conference_end', known: true, hostId: 61803, conferenceId: 1258835 });
  });
  test('ids up to 2^53-1, and 0', () => {
    const max = body('conference_start', '{"host_id":9007199254740991,"conference_id":0}');
    assert.deepEqual(parseWebhook(max), { event: 'conference_start', known: true, hostId: 2 ** 53 - 1, conferenceId: 0 });
  });
  test('an unknown event is returned, not thrown', () => {
    const raw = body('chat_message', { text: 'hi\n', n: [1.5, null, true], nested: { x: 'y' } });
    assert.deepEqual(parseWebhook(raw), {
      event: 'chat_message',
      known: false,
      payload: { text: 'hi\n', n: [1.5, null, true], nested: { x: 'y' } },
    });
    // A known-looking name in another case is another event.
    assert.equal(parseWebhook(body('Conference_Start', ids)).known, false);
    // Its payload is still checked: an object, no forbidden keys.
    assert.throws(() => parseWebhook(body('chat_message', '[1]')), (e) => e.code === 'invalid_webhook' && e.status === 400);
  });
  test('an already-parsed body is refused with a clear message', async () => {
    const e = await refused(() => parseWebhook({ event: 'conference_end', payload: json(ids) }), 400, 'body');
    assert.match(e.message, /raw body/);
    for (const other of [null, undefined, 5, [body('conference_end', ids)], new DataView(new ArrayBuffer(2))]) {
      await refused(() => parseWebhook(other), 400);
    }
  });
});


describe('parseWebhook: malformed bodies are invalid_webhook 400', () => {
  for (const [name, raw, field] of BAD) {
    test(name, async () => {
      const e = await refused(() => parseWebhook(raw), 400, field);
      if (field === undefined) assert.match(e.message, /nests deeper than 32/);
    });
  }
  test('nesting of exactly 32 levels is accepted', () => {
    assert.equal(parseWebhook(body('x', `{"x":${deep(30)}}`)).known, false);
  });
});

const SECRET = 's3cr+t/é';
const HOOK = `https://partner.example/hooks/vivo?secret=${encodeURIComponent(SECRET)}`;
/** A standard Request to the endpoint. */
const post = (raw, { url = HOOK, method = 'POST', headers } = {}) =>
  new Request(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : raw });
/** A Request-like object whose headers say what we want (a Request computes its own Content-Length). */
const lying = (bodyStream, contentLength) => ({
  method: 'POST',
  url: HOOK,
  headers: new Headers(contentLength === undefined ? {} : { 'content-length': contentLength }),
  body: bodyStream,
});

describe('handleWebhook', () => {
  test('accepts the secret in the query or as the last path segment', async () => {
    assert.deepEqual(await handleWebhook(post(GOOD), { secret: SECRET }), ENDED);
    const inPath = `https://partner.example/hooks/vivo/${encodeURIComponent(SECRET)}`;
    assert.deepEqual(await handleWebhook(post(GOOD, { url: inPath }), { secret: SECRET }), ENDED);
    assert.deepEqual(await handleWebhook(post(GOOD, { url: 'http://127.0.0.1:9/h?x=1&secret=abc&y' }), { secret: 'abc' }), ENDED);
    // Bytes from a stream, in many small chunks.
    const bytes = new TextEncoder().encode(GOOD);
    const chunked = new ReadableStream({
      start(c) {
        for (const b of bytes) c.enqueue(new Uint8Array([b]));
        c.close();
      },
    });
    assert.deepEqual(await handleWebhook(lying(chunked, undefined), { secret: SECRET }), ENDED);
    // Exactly 64 KiB is accepted.
    assert.deepEqual(await handleWebhook(post(padded(65536)), { secret: SECRET }), ENDED);
  });

  const refusals = [
    ['wrong secret', () => post(GOOD, { url: 'https://partner.example/hooks/vivo?secret=nope' }), 401],
    ['missing secret', () => post(GOOD, { url: 'https://partner.example/hooks/vivo' }), 401],
    ['empty secret', () => post(GOOD, { url: 'https://partner.example/hooks/vivo?secret=' }), 401],
    ['a prefix of the secret', () => post(GOOD, { url: `https://p.example/h?secret=${encodeURIComponent(SECRET.slice(0, -1))}` }), 401],
    ['the secret extended', () => post(GOOD, { url: `https://p.example/h?secret=${encodeURIComponent(`${SECRET}x`)}` }), 401],
    ['the secret twice', () => post(GOOD, { url: `${HOOK}&secret=${encodeURIComponent(SECRET)}` }), 401],
    ['the secret in another parameter', () => post(GOOD, { url: `https://p.example/h?Secret=${encodeURIComponent(SECRET)}` }), 401],
    ['the secret only in the fragment', () => post(GOOD, { url: `https://p.example/h/x#${encodeURIComponent(SECRET)}` }), 401],
    ['the secret in a header only', () => post(GOOD, { url: 'https://p.example/h', headers: { authorization: SECRET } }), 401],
    ['GET', () => post(GOOD, { method: 'GET' }), 405],
    ['HEAD', () => post(GOOD, { method: 'HEAD' }), 405],
    ['PUT', () => post(GOOD, { method: 'PUT' }), 405],
    ['GET without the secret (405 first)', () => post(GOOD, { method: 'GET', url: 'https://p.example/h' }), 405],
    ['over 64 KiB by one byte', () => post(padded(65537)), 413],
    ['1 MiB', () => post('x'.repeat(1 << 20)), 413],
    ['a lying Content-Length (small)', () => lying(stream(100, 1024), '10'), 413],
    ['a lying Content-Length (not a number)', () => lying(stream(100, 1024), 'abc'), 413],
    ['a missing Content-Length, streamed', () => lying(stream(100, 1024), undefined), 413],
    ['an endless stream', () => lying(stream(Infinity, 4096), undefined), 413],
    ['a large Content-Length', () => lying(stream(1, 10), String(10 ** 9)), 413],
    ['body not JSON', () => post('hello'), 400],
    ['empty body', () => post(''), 400],
    ['payload an object', () => post(json({ event: 'conference_end', payload: ids })), 400],
  ];
  for (const [name, request, status] of refusals) {
    test(`${name}: ${status}`, async () => {
      const e = await refused(() => handleWebhook(request(), { secret: SECRET }), status);
      assert.ok(!e.message.includes(SECRET) && !e.message.includes(encodeURIComponent(SECRET)), 'the secret is not quoted');
    });
  }
  test('every malformed body of parseWebhook is a 400 here too', async () => {
    for (const [name, raw, field] of BAD) {
      const e = await refused(() => handleWebhook(post(raw), { secret: SECRET }), 400, field);
      assert.ok(e, name);
    }
  });
  test('an unknown event is returned', async () => {
    assert.deepEqual(await handleWebhook(post(body('new_event', { a: 1 })), { secret: SECRET }), {
      event: 'new_event',
      known: false,
      payload: { a: 1 },
    });
  });
  test('configuration mistakes are invalid_option, not refusals', async () => {
    for (const options of [undefined, {}, { secret: '' }, { secret: 5 }, { secret: SECRET, extra: 1 }]) {
      await assert.rejects(handleWebhook(post(GOOD), options), (e) => e instanceof VivoMeetingsError && e.code === 'invalid_option');
    }
    await assert.rejects(handleWebhook({}, { secret: SECRET }), (e) => e.code === 'invalid_option' && e.field === 'request');
  });
  test('a body that fails to arrive is a 400 refusal, not another error', async () => {
    const failing = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(GOOD.slice(0, 20)));
      },
      pull(c) {
        c.error(new Error('socket hang up'));
      },
    });
    await refused(() => handleWebhook(lying(failing, undefined), { secret: SECRET }), 400, 'body');
    const notBytes = new ReadableStream({
      start(c) {
        c.enqueue(GOOD);
        c.close();
      },
    });
    await refused(() => handleWebhook(lying(notBytes, undefined), { secret: SECRET }), 400, 'body');
  });
  test('a node:http IncomingMessage or an already-read body is a clear invalid_option', async () => {
    const used = post(GOOD);
    await used.text();
    const locked = post(GOOD);
    locked.body.getReader();
    const parsed = { method: 'POST', url: HOOK, headers: new Headers(), body: { event: 'conference_end' } };
    for (const [request, message] of [
      [used, /already read/],
      [locked, /already read/],
      [parsed, /standard Request/],
    ]) {
      await assert.rejects(handleWebhook(request, { secret: SECRET }), (e) => e instanceof VivoMeetingsError && e.code === 'invalid_option' && message.test(e.message));
    }
    const incoming = createServer(async (req, res) => {
      const outcome = await handleWebhook(req, { secret: SECRET }).then(
        () => 'accepted',
        (e) => `${e.code}: ${e.message}`,
      );
      res.end(outcome);
    });
    incoming.listen(0, '127.0.0.1');
    await once(incoming, 'listening');
    try {
      const r = await fetch(`http://127.0.0.1:${incoming.address().port}/hooks/vivo?secret=${encodeURIComponent(SECRET)}`, { method: 'POST', body: GOOD });
      assert.match(await r.text(), /^invalid_option: request: must be a standard Request/);
    } finally {
      incoming.close();
    }
  });
  test('the refusals are checked in order: method, secret, size, body', async () => {
    await refused(() => handleWebhook(post('x'.repeat(1 << 17), { url: 'https://p.example/h' }), { secret: SECRET }), 401);
    await refused(() => handleWebhook(post('hello', { url: 'https://p.example/h' }), { secret: SECRET }), 401);
    await refused(() => handleWebhook(post('x'.repeat(1 << 17)), { secret: SECRET }), 413);
  });
});

// ---------------------------------------------------------------------------
// The receiver example against the stand-in's deliveries.


describe('the receiver example (docs/examples/webhook-receiver.mjs) receives the stand-in events', () => {
  const received = [];
  let receiver;
  let origin;
  const secret = randomBytes(18).toString('base64url');
  before(async () => {
    const { webhookListener } = await import(new URL('docs/examples/webhook-receiver.mjs', root));
    receiver = createServer(webhookListener({ secret, onEvent: (e) => received.push(e) }));
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    origin = `http://127.0.0.1:${receiver.address().port}`;
    const r = await postJson('/__standin/webhooks/endpoint', { url: `${origin}/hooks/vivo?secret=${secret}` });
    assert.equal(r.status, 200);
    assert.deepEqual(await r.json(), { url: `${origin}/hooks/vivo?secret=***` });
  });
  after(async () => {
    await postJson('/__standin/webhooks/endpoint', { url: null });
    receiver?.closeAllConnections();
    receiver?.close();
  });
  // Other test files load rooms at the same time: find our events by their ids.
  const find = (event, conferenceId) => () => received.find((e) => e.event === event && e.conferenceId === conferenceId);

  test('loading a room page sends conference_start; its hang-up sends conference_end', async () => {
    const room = await standin('/conf/call/902902902');
    assert.equal(room.status, 200);
    await room.text();
    const start = await until(find('conference_start', 902), 'conference_start');
    assert.deepEqual(start, { event: 'conference_start', known: true, hostId: 9, conferenceId: 902 });
    const end = await standin('/conf/call/902902902/end', { method: 'POST' });
    assert.equal(end.status, 204);
    const ended = await until(find('conference_end', 902), 'conference_end');
    assert.deepEqual(ended, { event: 'conference_end', known: true, hostId: 9, conferenceId: 902 });
  });

  test('/__standin/webhooks/send delivers each of the ten events, answered 200', async () => {
    const want = {
      recording_ready: { recordingId: 12345, downloadLink: LINK },
      enter_livestream: { participantId: 4242 },
      leave_livestream: { participantId: 4242 },
    };
    for (const [event] of TEN) {
      const conferenceId = 700000 + TEN.findIndex(([e]) => e === event);
      const r = await postJson('/__standin/webhooks/send', { event, payload: { conference_id: conferenceId } });
      assert.equal(r.status, 200, event);
      const delivery = await r.json();
      assert.equal(delivery.status, 200, `${event}: ${json(delivery)}`);
      assert.equal(delivery.url, `${origin}/hooks/vivo?secret=***`);
      const got = await until(find(event, conferenceId), event);
      assert.deepEqual(got, { event, known: true, hostId: 8, conferenceId, ...want[event] });
    }
  });

  test('an unknown event reaches onEvent; a malformed one is answered 400 and is not', async () => {
    const r = await postJson('/__standin/webhooks/send', { event: 'future_event', payload: { conference_id: 777001 } });
    assert.equal((await r.json()).status, 200);
    const got = await until(() => received.find((e) => e.event === 'future_event'), 'future_event');
    assert.deepEqual(got, { event: 'future_event', known: false, payload: { host_id: 8, conference_id: 777001 } });
    const count = received.length;
    for (const raw_payload of ['{"host_id":8}', 'null', '{"host_id":8,"conference_id":-1}']) {
      const bad = await postJson('/__standin/webhooks/send', { event: 'conference_end', raw_payload });
      assert.equal((await bad.json()).status, 400, raw_payload);
    }
    const link = await postJson('/__standin/webhooks/send', { event: 'recording_ready', payload: { download_link: 'https://169.254.169.254/' } });
    assert.equal((await link.json()).status, 400);
    // (Other test files' rooms may start and end meanwhile, but nothing else sends recording_ready.)
    assert.deepEqual(received.slice(count).filter((e) => e.event === 'recording_ready' || e.conferenceId === -1), []);
    const log = await (await standin('/__standin/webhooks/log')).json();
    assert.ok(log.some((d) => d.event === 'future_event' && d.status === 200));
  });

  test('forged and malformed requests get the refusal status, with no details and no event', async () => {
    const forged = body('recording_ready', { ...ids, recording_id: 1, download_link: LINK });
    const cases = [
      [`${origin}/hooks/vivo`, { method: 'POST', body: forged }, 401],
      [`${origin}/hooks/vivo?secret=${secret.slice(1)}`, { method: 'POST', body: forged }, 401],
      [`${origin}/hooks/vivo/${secret}x`, { method: 'POST', body: forged }, 401],
      [`${origin}/hooks/vivo?secret=${secret}`, { method: 'GET' }, 405],
      [`${origin}/hooks/vivo?secret=${secret}`, { method: 'POST', body: 'x'.repeat(100_000) }, 413],
      [`${origin}/hooks/vivo?secret=${secret}`, { method: 'POST', body: stream(200, 1024), duplex: 'half' }, 413],
      [`${origin}/hooks/vivo?secret=${secret}`, { method: 'POST', body: 'not json' }, 400],
    ];
    for (const [url, init, status] of cases) {
      const r = await fetch(url, init);
      assert.equal(r.status, status, `${init.method} ${url.replace(secret, '<secret>')}`);
      assert.equal(await r.text(), '', 'no details');
    }
    // The secret as the last path segment works too.
    const ok = await fetch(`${origin}/hooks/vivo/${secret}`, { method: 'POST', body: body('conference_end', { host_id: 1, conference_id: 777002 }) });
    assert.equal(ok.status, 200);
    await until(find('conference_end', 777002), 'the path-secret event');
    assert.equal(received.filter((e) => e.event === 'recording_ready' && e.hostId === 61803).length, 0, 'no forged event got through');
  });
});

test('the receiver example survives a throwing onEvent (answered 200, logged, still serving)', async () => {
  const { webhookListener } = await import(new URL('docs/examples/webhook-receiver.mjs', root));
  const logged = [];
  const error = console.error;
  console.error = (...args) => logged.push(args.join(' '));
  const failing = createServer(
    webhookListener({
      secret: 'k',
      onEvent: async () => {
        throw new Error('handler bug');
      },
    }),
  );
  failing.listen(0, '127.0.0.1');
  await once(failing, 'listening');
  try {
    for (let i = 0; i < 2; i++) {
      const r = await fetch(`http://127.0.0.1:${failing.address().port}/hooks/vivo/k`, { method: 'POST', body: GOOD });
      assert.equal(r.status, 200);
    }
    await until(() => logged.length === 2, 'the two logged handler errors');
    assert.match(logged[0], /handler bug/);
  } finally {
    console.error = error;
    failing.close();
  }
});

// ---------------------------------------------------------------------------
// OAuth token calls against the stand-in.


/** Registers a confidential client of our own (so the token log can be read for it alone). */
async function newClient(redirectUris = [DEMO_REDIRECT]) {
  const r = await postJson('/__standin/oauth/clients', { name: 'server.test.mjs', redirect_uris: redirectUris, confidential: true });
  assert.equal(r.status, 201);
  const { client_id, client_secret } = await r.json();
  return { domain: PLATFORM, clientId: client_id, clientSecret: client_secret };
}

const isOAuthError = (oauthError, status) => (e) =>
  e instanceof VivoMeetingsError && e.code === 'oauth_error' && e.oauthError === oauthError && (status === undefined || e.status === status);

describe('server token calls against the stand-in', () => {
  test('exchangeCode without PKCE, then the token works on the Enterprise API', async () => {
    const code = await authorizeCode({ clientId: DEMO.clientId, redirectUri: DEMO_REDIRECT });
    const before = Date.now();
    const tokens = await exchangeCode({ ...DEMO, code, redirectUri: DEMO_REDIRECT });
    assert.deepEqual(Object.keys(tokens).sort(), ['accessToken', 'expiresAt', 'refreshToken', 'scope', 'tokenType']);
    assert.equal(tokens.tokenType, 'Bearer');
    assert.equal(tokens.scope, 'read,write');
    assert.ok(tokens.expiresAt >= before + 7200_000 && tokens.expiresAt <= Date.now() + 7200_000);
    const [status, host] = await hostFetch(tokens.accessToken);
    assert.equal(status, 200);
    assert.equal(host.host_id, 8);
    // A code is single use.
    await assert.rejects(exchangeCode({ ...DEMO, code, redirectUri: DEMO_REDIRECT }), isOAuthError('invalid_grant', 400));
  });

  test('exchangeCode with PKCE (S256): the verifier is required and checked', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const code = await authorizeCode({ clientId: DEMO.clientId, redirectUri: DEMO_REDIRECT, challenge });
    const tokens = await exchangeCode({ ...DEMO, code, redirectUri: DEMO_REDIRECT, codeVerifier: verifier });
    assert.equal((await hostFetch(tokens.accessToken))[0], 200);
    // Doorkeeper's answers: no verifier is invalid_request, a wrong one invalid_grant.
    for (const [codeVerifier, oauthError] of [
      [undefined, 'invalid_request'],
      [randomBytes(32).toString('base64url'), 'invalid_grant'],
    ]) {
      const next = await authorizeCode({ clientId: DEMO.clientId, redirectUri: DEMO_REDIRECT, challenge });
      await assert.rejects(exchangeCode({ ...DEMO, code: next, redirectUri: DEMO_REDIRECT, codeVerifier }), isOAuthError(oauthError, 400));
    }
  });

  test('ten concurrent refreshToken calls with one refresh token make one request', async () => {
    const client = await newClient();
    const code = await authorizeCode({ clientId: client.clientId, redirectUri: DEMO_REDIRECT });
    const first = await exchangeCode({ ...client, code, redirectUri: DEMO_REDIRECT });
    const results = await Promise.all(Array.from({ length: 10 }, () => refreshToken({ ...client, refreshToken: first.refreshToken })));
    // The stand-in rotates refresh tokens: ten requests would give one success and nine invalid_grant.
    for (const r of results) assert.deepEqual(r, results[0]);
    assert.notEqual(results[0].accessToken, first.accessToken);
    assert.notEqual(results[0].refreshToken, first.refreshToken);
    const log = await (await standin('/__standin/oauth/log')).json();
    const mine = log.last.filter((e) => e.params.client_id === client.clientId && e.params.grant_type === 'refresh_token');
    assert.deepEqual(
      mine.map((e) => [e.endpoint, e.status]),
      [['token', 200]],
    );
    // The old pair is revoked; the new one works; a later call makes a new request.
    assert.equal((await hostFetch(first.accessToken))[0], 401);
    assert.equal((await hostFetch(results[0].accessToken))[0], 200);
    await assert.rejects(refreshToken({ ...client, refreshToken: first.refreshToken }), isOAuthError('invalid_grant', 400));
    const again = await refreshToken({ ...client, refreshToken: results[0].refreshToken });
    assert.equal((await hostFetch(again.accessToken))[0], 200);
  });

  test('revokeToken: the revoked token then fails, as does its refresh token', async () => {
    const code = await authorizeCode({ clientId: DEMO.clientId, redirectUri: DEMO_REDIRECT });
    const tokens = await exchangeCode({ ...DEMO, code, redirectUri: DEMO_REDIRECT });
    assert.equal((await hostFetch(tokens.accessToken))[0], 200);
    assert.equal(await revokeToken({ ...DEMO, token: tokens.accessToken }), undefined);
    const [status, answer] = await hostFetch(tokens.accessToken);
    assert.equal(status, 401);
    assert.equal(answer.message, 'The access token was revoked');
    await assert.rejects(refreshToken({ ...DEMO, refreshToken: tokens.refreshToken }), isOAuthError('invalid_grant', 400));
    // Revoking an unknown token succeeds (RFC 7009); a wrong client secret does not.
    assert.equal(await revokeToken({ ...DEMO, token: 'no-such-token' }), undefined);
    await assert.rejects(revokeToken({ ...DEMO, clientSecret: 'wrong', token: tokens.refreshToken }), isOAuthError('unauthorized_client', 403));
  });

  test('a wrong client secret is oauth_error invalid_client (401)', async () => {
    const code = await authorizeCode({ clientId: DEMO.clientId, redirectUri: DEMO_REDIRECT });
    await assert.rejects(exchangeCode({ ...DEMO, clientSecret: 'wrong-secret', code, redirectUri: DEMO_REDIRECT }), isOAuthError('invalid_client', 401));
    // Another redirect URI than the authorize request's.
    await assert.rejects(exchangeCode({ ...DEMO, code, redirectUri: `${APP}/oauth/popup.html` }), isOAuthError('invalid_grant', 400));
    // Refreshing a valid refresh token with a wrong secret.
    const tokens = await exchangeCode({ ...DEMO, code: await authorizeCode({ clientId: DEMO.clientId, redirectUri: DEMO_REDIRECT }), redirectUri: DEMO_REDIRECT });
    await assert.rejects(refreshToken({ ...DEMO, clientSecret: 'wrong-secret', refreshToken: tokens.refreshToken }), isOAuthError('invalid_client', 401));
    // Another client's refresh token.
    const other = await newClient();
    await assert.rejects(refreshToken({ ...other, refreshToken: tokens.refreshToken }), isOAuthError('invalid_grant', 400));
    assert.equal((await hostFetch(tokens.accessToken))[0], 200, 'the refused refreshes did not rotate the pair');
  });

  test('a non-JSON answer, a redirect or no answer is network_error', async () => {
    // The fake token endpoint answers by the code or refresh token sent.
    const answers = {
      html200: [200, 'text/html', '<!doctype html><h1>Hello</h1>'],
      html502: [502, 'text/html', '<html><body>Bad Gateway</body></html>'],
      empty500: [500, 'text/plain', ''],
      array: [200, 'application/json', '[]'],
      notBearer: [200, 'application/json', '{"access_token":"a","token_type":"mac"}'],
      redirect: [302, 'text/plain', ''],
    };
    const fake = createServer(async (req, res) => {
      let text = '';
      for await (const chunk of req) text += chunk;
      const form = new URLSearchParams(text);
      const [status, type, answer] = answers[form.get('code') ?? form.get('refresh_token') ?? form.get('token')] ?? [404, 'text/plain', ''];
      res.writeHead(status, { 'content-type': type, ...(status === 302 ? { location: `${PLATFORM}/oauth/token` } : {}) }).end(answer);
    });
    fake.listen(0, '127.0.0.1');
    await once(fake, 'listening');
    const domain = `http://127.0.0.1:${fake.address().port}`;
    try {
      for (const name of Object.keys(answers)) {
        const calls = [
          () => exchangeCode({ ...DEMO, domain, code: name, redirectUri: DEMO_REDIRECT }),
          () => refreshToken({ ...DEMO, domain, refreshToken: name }),
        ];
        // Revocation needs only a 2xx (RFC 7009), whatever its body.
        if (answers[name][0] >= 300) calls.push(() => revokeToken({ ...DEMO, domain, token: name }));
        for (const call of calls) {
          await assert.rejects(
            call(),
            (e) => e instanceof VivoMeetingsError && e.code === 'network_error' && (name !== 'redirect' || /redirects are not followed/.test(e.message)),
            name,
          );
        }
      }
    } finally {
      fake.close();
    }
    // Nothing listening.
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const port = closed.address().port;
    closed.close();
    await once(closed, 'close');
    await assert.rejects(exchangeCode({ ...DEMO, domain: `http://127.0.0.1:${port}`, code: 'c', redirectUri: DEMO_REDIRECT }), (e) => e.code === 'network_error');
  });

  test('bad options are refused before any request', async () => {
    await assert.rejects(exchangeCode({ ...DEMO, domain: 'http://evil.example', code: 'c', redirectUri: DEMO_REDIRECT }), (e) => e.code === 'insecure_domain');
    await assert.rejects(exchangeCode({ ...DEMO, domain: undefined, code: 'c', redirectUri: DEMO_REDIRECT }), (e) => e.code === 'invalid_domain');
    await assert.rejects(refreshToken({ ...DEMO, refreshToken: 5 }), (e) => e.code === 'invalid_option');
    await assert.rejects(revokeToken({ ...DEMO, token: 'a b' }), (e) => e instanceof VivoMeetingsError);
    await assert.rejects(exchangeCode(null), (e) => e.code === 'invalid_option');
  });
});

describe('the token exchange example (docs/examples/token-exchange.mjs)', () => {
  test('connect exchanges the code on the server; accessToken refreshes; disconnect revokes', async () => {
    const redirectUri = 'https://partner.example/oauth/callback';
    const client = await newClient([redirectUri]);
    process.env.VIVO_CLIENT_ID = client.clientId;
    process.env.VIVO_CLIENT_SECRET = client.clientSecret;
    const { readFile, writeFile, mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const source = await readFile(new URL('docs/examples/token-exchange.mjs', root), 'utf8');
    assert.ok(source.includes("domain: 'acme.vivomeetings.com'"));
    const dir = await mkdtemp(join(tmpdir(), 'vivo-token-exchange-'));
    const file = join(dir, 'token-exchange.mjs');
    await writeFile(file, source.replace("'acme.vivomeetings.com'", json(PLATFORM)));
    try {
      const example = await import(file);
      const code = await authorizeCode({ clientId: client.clientId, redirectUri });
      const request = new Request('https://partner.example/api/vivomeetings/connect', { method: 'POST', body: json({ code }) });
      const answer = await example.connect(request, 'user-1');
      assert.equal(answer.status, 204);
      assert.equal(await answer.text(), '', 'the page gets no token');
      const token = await example.accessToken('user-1');
      assert.equal((await hostFetch(token))[0], 200);
      // Two hours later: both calls refresh, with one request.
      const now = Date.now;
      Date.now = () => now() + 7200_000;
      let fresh;
      try {
        fresh = await Promise.all([example.accessToken('user-1'), example.accessToken('user-1')]);
      } finally {
        Date.now = now;
      }
      assert.equal(fresh[0], fresh[1]);
      assert.notEqual(fresh[0], token);
      assert.equal((await hostFetch(fresh[0]))[0], 200);
      const log = await (await standin('/__standin/oauth/log')).json();
      assert.equal(log.last.filter((e) => e.params.client_id === client.clientId && e.params.grant_type === 'refresh_token').length, 1);
      // A used code: the page is told to authorize again.
      const reused = await example.connect(new Request('https://p.example/', { method: 'POST', body: json({ code }) }), 'user-2');
      assert.equal(reused.status, 400);
      assert.deepEqual(await reused.json(), { error: 'oauth_error' });
      await example.disconnect('user-1');
      assert.equal((await hostFetch(fresh[0]))[0], 401);
      assert.equal(await example.accessToken('user-1'), undefined);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

// ---------------------------------------------------------------------------
// Importing, other runtimes, fuzzing.

const run = promisify(execFile);
/** Runs an ES module source in a fresh Node with `flags`: its stdout. */
async function child(source, flags = []) {
  const { stdout } = await run(process.execPath, [...flags, '--input-type=module', '-e', source], { timeout: 20_000, env: PLAIN });
  return stdout.trim();
}

test("one VivoMeetingsError: instanceof holds across the package's entries, and only for the library's errors", async () => {
  const main = await import(new URL('pkg/node.js', root).href);
  let fromServer;
  let fromMain;
  try {
    parseWebhook('x');
  } catch (e) {
    fromServer = e;
  }
  try {
    main.meetingUrl({});
  } catch (e) {
    fromMain = e;
  }
  assert.notEqual(main.VivoMeetingsError, VivoMeetingsError, 'each bundle has its own copy of the class');
  for (const [e, name] of [
    [fromServer, 'server.js'],
    [fromMain, 'node.js'],
  ]) {
    assert.ok(e instanceof VivoMeetingsError && e instanceof main.VivoMeetingsError, `${name}'s error is both entries' VivoMeetingsError`);
    assert.ok(e instanceof Error);
  }
  const lookalike = Object.assign(new Error('x'), { name: 'VivoMeetingsError', code: 'invalid_option' });
  const { proxy: revoked, revoke } = Proxy.revocable({}, {});
  revoke();
  // A revoked Proxy is not one, and asking does not throw.
  for (const other of [lookalike, new Error('x'), {}, Object.create(Error.prototype), null, undefined, 5, 'VivoMeetingsError', revoked]) {
    assert.equal(other instanceof VivoMeetingsError, false, typeof other);
    assert.equal(other instanceof main.VivoMeetingsError, false, typeof other);
  }
  // The mark is a getter on the prototype: nothing shows in the error's own keys or its JSON.
  assert.deepEqual(Reflect.ownKeys(fromServer).filter((k) => typeof k === 'symbol'), []);
});

describe('importing pkg/server.js', () => {
  test('never throws and touches no window, document or self', async () => {
    const out = await child(`
      const touched = [];
      for (const name of ['window', 'document', 'self', 'navigator', 'location', 'sessionStorage', 'localStorage']) {
        Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); throw new Error(name + ' touched'); } });
      }
      const s = await import(${json(SERVER)});
      const e = s.parseWebhook(${json(GOOD)});
      const h = await s.handleWebhook(new Request('http://x/h?secret=k', { method: 'POST', body: ${json(GOOD)} }), { secret: 'k' });
      console.log(JSON.stringify({ touched, e: e.event, h: h.event }));
    `);
    assert.deepEqual(JSON.parse(out), { touched: [], e: 'conference_end', h: 'conference_end' });
  });
  test('without WebAssembly (--jitless) the import works and a call is not_ready', async () => {
    const out = await child(
      `
      const s = await import(${json(SERVER)});
      try { s.parseWebhook('{}'); console.log('parsed'); } catch (e) { console.log(e instanceof s.VivoMeetingsError, e.code); }
    `,
      ['--jitless'],
    );
    assert.equal(out, 'true not_ready');
  });
  test('initServer({ module }) with the published .wasm (runtimes that forbid compiling bytes)', async () => {
    const wasm = new URL('pkg/vivomeetings_embed_server_bg.wasm', root).pathname;
    const out = await child(`
      import { readFileSync } from 'node:fs';
      const s = await import(${json(SERVER)});
      s.initServer({ module: new WebAssembly.Module(readFileSync(${json(wasm)})) });
      console.log(s.parseWebhook(${json(GOOD)}).conferenceId);
    `);
    assert.equal(out, '1258835');
  });
});

describe('fuzz', () => {
  test('~20,000 random bodies: only VivoMeetingsError, bounded time, the entry works after', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    let s = seed || 1;
    const rand = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 2 ** 32;
    };
    const int = (n) => Math.floor(rand() * n);
    const pick = (a) => a[int(a.length)];
    const KEYS = ['event', 'payload', 'host_id', 'conference_id', 'recording_id', 'download_link', 'participant_id', '__proto__', 'constructor', 'prototype', 'a', ''];
    const EVENTS = [...TEN.map(([e]) => e), 'x', '', 'toString', '__proto__'];
    const ATOMS = [0, -1, 1.5, 2 ** 53, 2 ** 53 - 1, 1e308, '5', '', null, true, LINK, 'http://x/', 'https://169.254.169.254/', '\u0000', '\ud800', '\\'];
    const value = (depth) => {
      const r = rand();
      if (depth > 6 || r < 0.5) return pick(ATOMS);
      if (r < 0.7) return Array.from({ length: int(4) }, () => value(depth + 1));
      const o = {};
      for (let i = int(5); i > 0; i--) o[pick(KEYS)] = value(depth + 1);
      return o;
    };
    const TOKENS = ['{', '}', '[', ']', '"', ':', ',', '\\', '\\u00', 'null', '1e999', '-', '0', '01', '"event"', '"payload"', ' ', '\n', '"\\"{\\\\"', 'é', '\ud83d'];
    const valid = TEN.map(([e, p]) => body(e, p));
    const generators = [
      () => new Uint8Array(Array.from({ length: int(120) }, () => int(256))),
      () => {
        const b = new TextEncoder().encode(pick(valid));
        for (let i = 1 + int(4); i > 0; i--) b[int(b.length)] = int(256);
        return rand() < 0.5 ? b : b.subarray(0, int(b.length));
      },
      () => {
        const t = pick(valid);
        const at = int(t.length);
        return t.slice(0, at) + pick(TOKENS) + t.slice(at + int(3));
      },
      () => {
        const payload = value(0);
        return json({ event: rand() < 0.8 ? pick(EVENTS) : value(3), payload: rand() < 0.8 ? json(payload) : payload, ...(rand() < 0.2 ? { x: value(2) } : {}) });
      },
      () => {
        const p = { ...TEN[int(10)][1] };
        p[pick(KEYS.slice(2, 7))] = pick(ATOMS);
        return body(pick(EVENTS), p);
      },
      () => Array.from({ length: int(40) }, () => pick(TOKENS)).join(''),
    ];
    const started = performance.now();
    const tally = { accepted: 0, refused: 0 };
    for (let i = 0; i < 20_000; i++) {
      const input = generators[i % generators.length]();
      try {
        const event = parseWebhook(input);
        assert.equal(typeof event.event, 'string');
        assert.equal(typeof event.known, 'boolean');
        tally.accepted++;
      } catch (e) {
        if (!(e instanceof VivoMeetingsError) || e.code !== 'invalid_webhook' || (e.status !== 400 && e.status !== 413)) {
          assert.fail(`seed ${seed}, input ${i} ${json(typeof input === 'string' ? input : [...input])}: ${e?.stack ?? e}`);
        }
        tally.refused++;
      }
    }
    const ms = performance.now() - started;
    assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms (seed ${seed})`);
    assert.ok(tally.accepted > 100 && tally.refused > 100, `seed ${seed}: ${json(tally)}`);
    // Random endpoint URLs: a refusal (401) or the event, nothing else.
    for (let i = 0; i < 2000; i++) {
      const path = Array.from({ length: int(12) }, () => pick(['/', '?', '&', '=', 'secret', '%', '%2', '%zz', 'k', '#', '+', '%6B', ';'])).join('');
      try {
        await handleWebhook(new Request(`http://x.example/${path}`, { method: 'POST', body: GOOD }), { secret: 'k' });
      } catch (e) {
        if (!(e instanceof VivoMeetingsError) || e.status !== 401) assert.fail(`seed ${seed}, url /${path}: ${e?.stack ?? e}`);
      }
    }
    assert.deepEqual(parseWebhook(GOOD), ENDED);
    assert.deepEqual(await handleWebhook(post(GOOD), { secret: SECRET }), ENDED);
  });
});

describe('scripts/demo-receiver.mjs (make demo)', () => {
  test('registers the receiver with the stand-in and serves the received events at /events with CORS', async () => {
    const { spawn } = await import('node:child_process');
    const { mkdtemp, readFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'vivo-demo-receiver-'));
    const script = new URL('scripts/demo-receiver.mjs', root).pathname;
    const proc = spawn(process.execPath, [script, '--platform', PLATFORM, '--write', join(dir, 'receiver.json')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    try {
      const line = await until(() => out.match(/^webhook receiver: (http:\/\/127\.0\.0\.1:\d+) \(registered as (\S+)\); received events: (\S+)$/m), 'the receiver line', 10_000);
      const [, origin, shown, eventsUrl] = line;
      assert.equal(shown, `${origin}/hooks/vivo?secret=***`);
      assert.deepEqual(JSON.parse(await readFile(join(dir, 'receiver.json'), 'utf8')), { receiver: origin, events: eventsUrl });
      const r = await postJson('/__standin/webhooks/send', { event: 'transcription_ready', payload: { conference_id: 778001 } });
      assert.equal((await r.json()).status, 200);
      const forged = await fetch(`${origin}/hooks/vivo?secret=guess`, { method: 'POST', body: GOOD });
      assert.equal(forged.status, 401);
      const answer = await fetch(eventsUrl, { headers: { origin: APP } });
      assert.equal(answer.headers.get('access-control-allow-origin'), '*');
      const { events } = await answer.json();
      const mine = events.find((e) => e.event.conferenceId === 778001);
      assert.deepEqual(mine.event, { event: 'transcription_ready', known: true, hostId: 8, conferenceId: 778001 });
      assert.ok(!Number.isNaN(Date.parse(mine.receivedAt)));
      assert.deepEqual((await (await fetch(`${eventsUrl}?after=${mine.n}`)).json()).events.filter((e) => e.n <= mine.n), []);
      assert.match(out, /webhook transcription_ready/, 'it logs each event');
    } finally {
      proc.kill();
      await postJson('/__standin/webhooks/endpoint', { url: null });
      await rm(dir, { recursive: true, force: true });
    }
  });
});
