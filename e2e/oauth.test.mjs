// OAuth with the platform (handbook 12) and the Enterprise API, end to end
// in headless Chromium against the stand-in: the redirect code flow with and
// without PKCE (the code exchanged at /oauth/token from here), the implicit
// flow, the popup (code and token), the demo's connect → conferences → join
// → revoke; then attacks and bad input, one test each.
//
// Pages: /e2e/oauth.html (e2e/pages/oauth.*: the library on `window`, does
// nothing by itself) is the redirect URI of two clients this file registers;
// the popup flows use the demo's own /oauth/popup.html.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { APP, CHROMIUM, CHROMIUM_ARGS, PLATFORM, httpError, useBrowser } from './helpers.mjs';

const DEMO_PUBLIC = 'vmStandinPublicBrowserClient_9fK2xQ7LmP4vR1';
const TEST_PAGE = `${APP}/e2e/oauth.html`;
const POPUP_CALLBACK = `${APP}/oauth/popup.html`;
const DEMO_CALLBACK = `${APP}/oauth/callback.html`;
/** Where the library keeps the pending request (one per platform origin). */
const PENDING_KEY = `vivomeetings-embed:oauth:${PLATFORM}`;
/** The popup's result message type (js/oauth.js). */
const RESULT = 'vivomeetings-oauth-callback';
/** A well-formed state that is not the one sent. */
const OTHER_STATE = 'T3RoZXJzdGF0ZW90aGVyc3RhdGVvdGhlcnN0YXRlMDA';

const ctx = useBrowser();
/** Clients registered for this file: `{ confidential: {id, secret}, public: {id} }`. */
const clients = {};

before(async () => {
  for (const [kind, confidential] of [['confidential', true], ['public', false]]) {
    const response = await fetch(`${PLATFORM}/__standin/oauth/clients`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: `OAuth e2e ${kind}`, redirect_uris: [TEST_PAGE, POPUP_CALLBACK, DEMO_CALLBACK], confidential }),
    });
    assert.equal(response.status, 201);
    const { client_id: id, client_secret: secret } = await response.json();
    clients[kind] = { id, secret };
  }
});

// ------------------------------------------------------------- helpers

/**
 * A fresh context whose pages count their window `message` listeners
 * (`window.messageListeners`), with every request recorded.
 */
async function open({ viewport } = {}) {
  const session = await ctx.open(viewport ? { viewport } : {});
  const { context } = session;
  await context.addInitScript(() => {
    const listeners = new Set();
    const add = window.addEventListener;
    const remove = window.removeEventListener;
    window.addEventListener = function (type, listener, options) {
      if (type === 'message') listeners.add(listener);
      return add.call(this, type, listener, options);
    };
    window.removeEventListener = function (type, listener, options) {
      if (type === 'message') listeners.delete(listener);
      return remove.call(this, type, listener, options);
    };
    Object.defineProperty(window, 'messageListeners', { get: () => listeners.size });
  });
  const requests = [];
  context.on('request', (request) => requests.push({ url: request.url(), method: request.method(), headers: request.headers() }));
  return { ...session, requests };
}

async function testPage(page, query = '') {
  await page.goto(`${TEST_PAGE}${query}`);
  await page.locator('#status', { hasText: 'ready' }).waitFor();
}

/** `vivo.handleCallback(options)` in the page, settled. */
const handle = (page, options) => page.evaluate((o) => window.settle(vivo.handleCallback(o)), options);

/** `vivo.authorizeUrl(options)` in the page: the URL and its `state`. */
async function authorizeUrl(page, options) {
  const r = await page.evaluate((o) => window.settle(vivo.authorizeUrl(o)), options);
  assert.ok(r.ok, JSON.stringify(r));
  return { url: r.value, state: new URL(r.value).searchParams.get('state') };
}

const pending = (page) => page.evaluate((key) => sessionStorage.getItem(key), PENDING_KEY);

/** On the platform's authorize page: signs in if asked, then presses Authorize or Deny. */
async function decide(page, decision = 'authorize') {
  const login = page.locator('#login-form');
  const consent = page.locator('#consent');
  await login.or(consent).first().waitFor();
  if (await login.isVisible()) await page.click('#sign-in');
  await consent.waitFor();
  assert.equal(new URL(page.url()).origin, PLATFORM);
  await page.click(`#${decision}`);
}

/** Asserts a settled result is a VivoMeetingsError with `code` (and `field`, message). */
function assertError(r, code, { field, message } = {}) {
  assert.equal(r.ok, false, `expected ${code}, got ${JSON.stringify(r)}`);
  assert.equal(r.error.isVivoError, true, JSON.stringify(r.error));
  assert.equal(r.error.name, 'VivoMeetingsError');
  assert.equal(r.error.code, code, JSON.stringify(r.error));
  if (field !== undefined) assert.equal(r.error.field, field, JSON.stringify(r.error));
  if (message) assert.match(r.error.message, message);
}

/** The URLs of a tab's session history. */
async function historyUrls(context, page) {
  const cdp = await context.newCDPSession(page);
  const { entries } = await cdp.send('Page.getNavigationHistory');
  await cdp.detach();
  return entries.map((e) => e.url);
}

/** The address bar and the history hold none of `secrets` (nor the OAuth parameters). */
async function assertClean(context, page, secrets, expectedUrl) {
  const here = await page.evaluate(() => location.href);
  if (expectedUrl) assert.equal(here, expectedUrl);
  assert.doesNotMatch(here, /[?&#](code|state|access_token|error|error_description|token_type)=/, here);
  for (const url of await historyUrls(context, page)) {
    for (const s of secrets) assert.ok(!url.includes(s), `history keeps ${s}: ${url}`);
  }
}

/**
 * No request URL carries `token`, except the navigation to the implicit
 * callback, where it sits in the fragment (never sent; cleaned after).
 */
function assertTokenInNoUrl(requests, token) {
  const leaks = requests.filter(({ url }) => {
    if (!url.includes(token)) return false;
    const u = new URL(url);
    const onlyInFragment = !`${u.origin}${u.pathname}${u.search}`.includes(token);
    return !(onlyInFragment && [TEST_PAGE, POPUP_CALLBACK, DEMO_CALLBACK].includes(`${u.origin}${u.pathname}`));
  });
  assert.deepEqual(leaks.map((r) => r.url), [], 'the token appeared in a requested URL');
}

/** The requests with the token as a Bearer header: all to the platform's Enterprise API. */
function assertBearerOnlyToPlatform(requests, token) {
  const sent = requests.filter((r) => Object.values(r.headers).some((v) => String(v).includes(token)));
  assert.ok(sent.length > 0, 'the token was never sent');
  for (const r of sent) {
    assert.ok(r.url.startsWith(`${PLATFORM}/enterprise_api/`), `the token went to ${r.url}`);
    assert.equal(r.headers.authorization, `Bearer ${token}`);
  }
}

/** POST /oauth/token from here (what the partner's server does). */
async function tokenRequest(fields) {
  const response = await fetch(`${PLATFORM}/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
  return { status: response.status, body: await response.json() };
}

/**
 * A host-8 access token without a browser (login, consent and exchange by
 * hand, as a server-side test would): for the Enterprise API tests.
 */
async function nodeToken() {
  const { id, secret } = clients.confidential;
  const authorize = `/oauth/authorize?${new URLSearchParams({ client_id: id, redirect_uri: DEMO_CALLBACK, response_type: 'code', scope: 'read', state: OTHER_STATE })}`;
  const login = await fetch(`${PLATFORM}/oauth/login`, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ email: 'john@company.tld', password: 'demo-password-8', return_to: authorize }),
  });
  assert.equal(login.status, 303);
  const cookie = login.headers.get('set-cookie').split(';')[0];
  const page = await (await fetch(`${PLATFORM}${authorize}`, { headers: { cookie } })).text();
  const csrf = /name="authenticity_token" value="([^"]+)"/.exec(page)[1];
  const consent = await fetch(`${PLATFORM}/oauth/authorize`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie },
    body: new URLSearchParams({ authenticity_token: csrf, decision: 'authorize' }),
  });
  const code = new URL(consent.headers.get('location')).searchParams.get('code');
  const r = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: DEMO_CALLBACK, client_id: id, client_secret: secret });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.access_token;
}

/** A screenshot of the whole page at `path` (the viewport grown to it first, so the frames keep their layout). */
async function screenshot(page, path) {
  const { width } = page.viewportSize();
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width, height });
  await page.waitForFunction((h) => innerHeight === h, height);
  await page.waitForTimeout(300);
  await page.screenshot({ path });
}

/** Makes the stored pending request `ageMs` old. */
const age = (page, ageMs) =>
  page.evaluate(
    ([key, ageMs]) => {
      const p = JSON.parse(sessionStorage.getItem(key));
      p.createdAt = Date.now() - ageMs;
      sessionStorage.setItem(key, JSON.stringify(p));
    },
    [PENDING_KEY, ageMs],
  );

/** Clicks `#go`, which runs `vivo.authorizePopup(options)` in a real click; resolves with the popup page. */
async function startPopup(page, options) {
  await page.evaluate((o) => {
    window.onGo = () => {
      window.popupResult = window.settle(vivo.authorizePopup(o));
    };
  }, options);
  const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#go')]);
  await popup.waitForURL((url) => url.href.startsWith(`${PLATFORM}/oauth/authorize?`));
  return popup;
}

// ------------------------------------------------------ flows, end to end

describe('redirect flows', () => {
  /** authorize() from the test page, consent on the platform, back on the test page. */
  async function redirectFlow(options, decision = 'authorize') {
    const s = await open();
    const { page } = s;
    await testPage(page);
    await page.evaluate((o) => {
      vivo.authorize(o);
    }, options);
    await page.waitForURL((url) => url.origin === PLATFORM);
    const authorizeRequest = new URL(page.url());
    await decide(page, decision);
    await page.waitForURL((url) => url.href.startsWith(TEST_PAGE));
    await page.locator('#status', { hasText: 'ready' }).waitFor();
    const callbackUrl = page.url();
    assert.ok(await pending(page), 'no pending request stored');
    const result = await handle(page);
    return { ...s, authorizeRequest, callbackUrl, result };
  }

  for (const { name, client, pkce } of [
    { name: 'code flow without PKCE (confidential client, secret on the server)', client: 'confidential', pkce: false },
    { name: 'code flow with PKCE (public client)', client: 'public', pkce: true },
  ]) {
    it(name, async () => {
      const { id, secret } = clients[client];
      const { context, page, authorizeRequest, callbackUrl, result, finish } = await redirectFlow({
        clientId: id,
        redirectUri: TEST_PAGE,
        pkce,
        appState: { returnTo: '/settings', n: 1 },
      });
      // The authorize request: every parameter, a 256-bit state, S256 with PKCE only.
      const q = authorizeRequest.searchParams;
      assert.equal(authorizeRequest.pathname, '/oauth/authorize');
      assert.deepEqual(
        [...q.keys()],
        ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', ...(pkce ? ['code_challenge', 'code_challenge_method'] : [])],
      );
      assert.equal(q.get('client_id'), id);
      assert.equal(q.get('redirect_uri'), TEST_PAGE);
      assert.equal(q.get('response_type'), 'code');
      assert.equal(q.get('scope'), 'read,write');
      assert.match(q.get('state'), /^[A-Za-z0-9_-]{43}$/);

      const back = new URL(callbackUrl);
      assert.equal(back.searchParams.get('state'), q.get('state'));
      const code = back.searchParams.get('code');
      assert.ok(result.ok, JSON.stringify(result));
      assert.equal(result.value.code, code);
      assert.deepEqual(result.value.appState, { returnTo: '/settings', n: 1 });
      if (pkce) {
        assert.match(result.value.codeVerifier, /^[A-Za-z0-9_-]{43}$/);
        const challenge = createHash('sha256').update(result.value.codeVerifier).digest('base64url');
        assert.equal(q.get('code_challenge'), challenge);
        assert.equal(q.get('code_challenge_method'), 'S256');
      } else {
        assert.equal('codeVerifier' in result.value, false);
      }
      // Used up and cleaned: nothing stored, no code in the address bar or history.
      assert.equal(await pending(page), null);
      await assertClean(context, page, [code], TEST_PAGE);

      // The partner's server exchanges the code.
      const exchange = { grant_type: 'authorization_code', code, redirect_uri: TEST_PAGE, client_id: id };
      if (secret) exchange.client_secret = secret;
      if (pkce) {
        const wrong = await tokenRequest({ ...exchange, code_verifier: 'A'.repeat(43) });
        assert.deepEqual([wrong.status, wrong.body.error], [400, 'invalid_grant']);
        const missing = await tokenRequest(exchange);
        assert.deepEqual([missing.status, missing.body.error], [400, 'invalid_request']);
        exchange.code_verifier = result.value.codeVerifier;
      }
      const ok = await tokenRequest(exchange);
      assert.equal(ok.status, 200, JSON.stringify(ok.body));
      assert.equal(ok.body.token_type, 'Bearer');
      assert.ok(ok.body.access_token && ok.body.refresh_token);
      const again = await tokenRequest(exchange);
      assert.deepEqual([again.status, again.body.error], [400, 'invalid_grant'], 'a code works once');
      // The token works at the Enterprise API.
      const host = await fetch(`${PLATFORM}/enterprise_api/host/fetch`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ok.body.access_token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      assert.equal((await host.json()).host_id, 8);
      await finish();
    });
  }

  it('implicit flow: the token from the fragment, cleaned; Enterprise API with it', async () => {
    const { context, page, requests, result, callbackUrl, finish } = await redirectFlow({
      clientId: clients.public.id,
      redirectUri: TEST_PAGE,
      responseType: 'token',
    });
    assert.ok(result.ok, JSON.stringify(result));
    const fragment = new URLSearchParams(new URL(callbackUrl).hash.slice(1));
    const { accessToken, tokenType, expiresAt, scope } = result.value;
    assert.equal(accessToken, fragment.get('access_token'));
    assert.equal(tokenType, 'Bearer');
    assert.equal(scope, 'read,write');
    assert.ok(Math.abs(expiresAt - (Date.now() + 7200 * 1000)) < 60_000, `expiresAt ${expiresAt}`);
    assert.equal(new URL(callbackUrl).search, '', 'the token flow answered in the query');
    await assertClean(context, page, [accessToken], TEST_PAGE);
    // Not stored by the library: only the (used-up) pending request was ever in storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }) + document.cookie);
    assert.ok(!stored.includes(accessToken), 'the token was stored');

    const host = await page.evaluate(
      (token) => window.settle(vivo.enterpriseApi({ accessToken: token }).call('host/fetch')),
      accessToken,
    );
    assert.ok(host.ok, JSON.stringify(host));
    assert.equal(host.value.host_id, 8);
    assertBearerOnlyToPlatform(requests, accessToken);
    assertTokenInNoUrl(requests, accessToken);
    await finish();
  });

  it('Deny on the consent page → oauth_error with oauthError access_denied, address bar cleaned', async () => {
    const { context, page, result, finish } = await redirectFlow({ clientId: clients.public.id, redirectUri: TEST_PAGE }, 'deny');
    assertError(result, 'oauth_error', { message: /access_denied/ });
    assert.equal(result.error.oauthError, 'access_denied');
    assert.equal(result.error.oauthErrorDescription, 'The resource owner or authorization server denied the request.');
    assert.equal(await pending(page), null);
    await assertClean(context, page, [], TEST_PAGE);
    await finish();
  });
});

describe('popup flows', () => {
  for (const { responseType, pkce } of [
    { responseType: 'code', pkce: true },
    { responseType: 'token', pkce: false },
  ]) {
    it(`popup, ${responseType} flow${pkce ? ' with PKCE' : ''}: the result reaches the opener, the popup closes`, async () => {
      const { page, requests, finish } = await open();
      await testPage(page);
      const popup = await startPopup(page, { clientId: DEMO_PUBLIC, redirectUri: POPUP_CALLBACK, responseType, pkce, appState: ['popup'] });
      assert.equal(await page.evaluate(() => window.messageListeners), 1);
      const closed = popup.waitForEvent('close');
      await decide(popup);
      await closed;
      const r = await page.evaluate(() => window.popupResult);
      assert.ok(r.ok, JSON.stringify(r));
      assert.deepEqual(r.value.appState, ['popup']);
      if (responseType === 'code') {
        assert.match(r.value.code, /^[A-Za-z0-9_-]{43}$/);
        const exchange = await tokenRequest({
          grant_type: 'authorization_code',
          code: r.value.code,
          redirect_uri: POPUP_CALLBACK,
          client_id: DEMO_PUBLIC,
          code_verifier: r.value.codeVerifier,
        });
        assert.equal(exchange.status, 200, JSON.stringify(exchange.body));
      } else {
        assert.equal(r.value.tokenType, 'Bearer');
        assertTokenInNoUrl(requests, r.value.accessToken);
      }
      // No listener left, nothing stored (a popup's request lives in memory).
      assert.equal(await page.evaluate(() => window.messageListeners), 0);
      assert.equal(await pending(page), null);
      await finish();
    });
  }

  it('Deny in the popup → oauth_error access_denied in the opener', async () => {
    const { page, finish } = await open();
    await testPage(page);
    const popup = await startPopup(page, { clientId: DEMO_PUBLIC, redirectUri: POPUP_CALLBACK, responseType: 'token' });
    const closed = popup.waitForEvent('close');
    await decide(popup, 'deny');
    await closed;
    const r = await page.evaluate(() => window.popupResult);
    assertError(r, 'oauth_error');
    assert.equal(r.error.oauthError, 'access_denied');
    assert.equal(await page.evaluate(() => window.messageListeners), 0);
    await finish();
  });
});

describe('demo: connect your VivoMeetings account', () => {
  const demoErrors = [httpError(401, undefined, [1, 2])];

  it('popup → account and conferences → join → revoke → 401 asks to reconnect (screenshots)', async () => {
    const { context, page, requests, finish } = await open({ viewport: { width: 1440, height: 1000 } });
    await page.goto(`${APP}/`);
    await page.locator('#lib-status', { hasText: 'ready' }).waitFor();
    assert.equal(await page.textContent('#oauth-state'), 'not connected');
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#oauth-popup')]);
    const closed = popup.waitForEvent('close');
    await decide(popup);
    await closed;

    await page.locator('#oauth-state', { hasText: 'connected' }).waitFor();
    assert.equal(await page.textContent('#oauth-account'), 'John Host');
    const items = page.locator('#conferences li');
    await items.first().waitFor();
    const ids = await items.evaluateAll((lis) => lis.map((li) => li.dataset.conferenceId));
    assert.deepEqual(ids.slice(0, 2), ['801', '802']);
    assert.match(await items.nth(1).textContent(), /Weekly sync/);

    // Join "Weekly sync": its meeting_url in the embedded room.
    await items.nth(1).locator('button.join').click();
    const frame = page.frameLocator('#meeting-slot iframe');
    assert.equal(await frame.locator('#access-code').textContent(), '802802802');
    assert.equal(await page.getAttribute('#meeting-slot iframe', 'src'), `${PLATFORM}/conf/call/802802802?name=John+Host&skip_join=true`);
    await frame.locator('#display-name').waitFor();
    await page.evaluate(() => document.activeElement?.blur());
    await screenshot(page, '/tmp/oauth-demo-connected.png');

    // The token: sent as a Bearer header to the Enterprise API only, in no URL.
    const token = requests.find((r) => r.url.startsWith(`${PLATFORM}/enterprise_api/`) && r.headers.authorization)
      .headers.authorization.slice('Bearer '.length);
    assertBearerOnlyToPlatform(requests, token);
    assertTokenInNoUrl(requests, token);

    // Revoke: the next call answers 401, onUnauthorized asks to connect again.
    await page.click('#oauth-revoke');
    await page.locator('#oauth-state', { hasText: 'disconnected' }).waitFor();
    assert.match(await page.textContent('#oauth-error'), /connect again.*unauthorized.*revoked/);
    assert.equal(await page.isVisible('#oauth-popup'), true);
    assert.equal(await page.isHidden('#oauth-connected'), true);
    const after = await fetch(`${PLATFORM}/enterprise_api/host/fetch`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    assert.equal(after.status, 401);
    // The demo revoked as the public client (client_id in the body, no secret): 200.
    const { last } = await (await fetch(`${PLATFORM}/__standin/oauth/log`)).json();
    const revoke = last.filter((e) => e.endpoint === 'revoke' && e.params.client_id === DEMO_PUBLIC).at(-1);
    assert.deepEqual([revoke?.status, revoke?.client_auth, revoke?.params.token], [200, 'body', `[${token.length} chars]`]);
    await screenshot(page, '/tmp/oauth-demo-revoked.png');
    await finish({ expected: demoErrors });
  });

  it('redirect: the demo callback page shows the account, lists conferences and joins', async () => {
    const { context, page, finish } = await open({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${APP}/`);
    await page.locator('#lib-status', { hasText: 'ready' }).waitFor();
    await page.click('#oauth-redirect');
    await page.waitForURL((url) => url.origin === PLATFORM);
    await decide(page);
    await page.waitForURL((url) => url.href.startsWith(DEMO_CALLBACK));
    await page.locator('#oauth-state', { hasText: 'connected' }).waitFor();
    await assertClean(context, page, [], DEMO_CALLBACK);
    assert.match(await page.textContent('#oauth-email'), /john@company\.tld · host 8/);
    await page.locator('#conferences li').first().locator('button.join').click();
    assert.equal(await page.frameLocator('#meeting-slot iframe').locator('#access-code').textContent(), '1234567');
    await page.frameLocator('#meeting-slot iframe').locator('#display-name').waitFor();
    await screenshot(page, '/tmp/oauth-demo-callback.png');
    await finish();
  });

  it('the demo callback page shows a denial, and a bare visit (no pending request), as errors', async () => {
    const { context, page, finish } = await open({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${APP}/`);
    await page.locator('#lib-status', { hasText: 'ready' }).waitFor();
    await page.click('#oauth-redirect');
    await page.waitForURL((url) => url.origin === PLATFORM);
    await decide(page, 'deny');
    await page.waitForURL((url) => url.href.startsWith(DEMO_CALLBACK));
    const error = page.locator('#oauth-error');
    await error.waitFor();
    assert.match(await error.textContent(), /You denied access on the platform\. oauth_error/);
    assert.equal(await error.getAttribute('data-code'), 'oauth_error');
    await assertClean(context, page, [], DEMO_CALLBACK);
    await screenshot(page, '/tmp/oauth-demo-denied.png');
    // A replay of the same answer: no pending request any more.
    await page.goto(`${DEMO_CALLBACK}?error=access_denied&state=${OTHER_STATE}`);
    await page.locator('#oauth-error[data-code="oauth_state"]').waitFor();
    await assertClean(context, page, [], DEMO_CALLBACK);
    await finish();
  });
});

// ------------------------------------------------ attacks and bad input

describe('callback attacks and bad input', () => {
  /** A pending request made on the test page; returns its state. */
  async function start(page, options = {}) {
    await testPage(page);
    return (await authorizeUrl(page, { clientId: clients.public.id, redirectUri: TEST_PAGE, ...options })).state;
  }

  /** Lands on `TEST_PAGE + suffix` (a forged callback) and handles it. */
  async function land(page, suffix) {
    await testPage(page, suffix);
    return handle(page);
  }

  it('state missing → oauth_state; the request is used up; the code leaves the address bar', async () => {
    const { context, page, finish } = await open();
    const state = await start(page);
    assertError(await land(page, '?code=stolen-code'), 'oauth_state', { field: 'state' });
    await assertClean(context, page, ['stolen-code'], TEST_PAGE);
    assert.equal(await pending(page), null);
    // The real answer after the attempt finds nothing to match.
    assertError(await land(page, `?code=real&state=${state}`), 'oauth_state', { message: /no pending authorization request/ });
    await finish();
  });

  it('state mismatched → oauth_state, the code leaves the address bar', async () => {
    const { context, page, finish } = await open();
    await start(page);
    assertError(await land(page, `?code=c0de&state=${OTHER_STATE}`), 'oauth_state', { field: 'state' });
    await assertClean(context, page, ['c0de'], TEST_PAGE);
    await finish();
  });

  for (const [name, ageMs, ok] of [
    ['expired (10 minutes and 1 second old) → oauth_state', 10 * 60_000 + 1000, false],
    ['nearly expired (9 minutes old) → accepted', 9 * 60_000, true],
    ['made 2 minutes in the future → oauth_state', -2 * 60_000, false],
  ]) {
    it(`state ${name}`, async () => {
      const { context, page, finish } = await open();
      const state = await start(page);
      await age(page, ageMs);
      const r = await land(page, `?code=c0de&state=${state}`);
      if (ok) assert.equal(r.value.code, 'c0de');
      else assertError(r, 'oauth_state', { field: 'state', message: /10 minutes/ });
      await assertClean(context, page, ['c0de'], TEST_PAGE);
      await finish();
    });
  }

  it('replayed after a reload → oauth_state; React StrictMode double call → the same result', async () => {
    const { context, page, finish } = await open();
    const state = await start(page, { appState: { k: 'v' } });
    await testPage(page, `?code=c0de&state=${state}`);
    // Two calls, as StrictMode's double effect: the second sees the cleaned URL.
    const [a, b] = await page.evaluate(async () => {
      const first = window.settle(vivo.handleCallback());
      const second = window.settle(vivo.handleCallback());
      return [await first, await second];
    });
    assert.ok(a.ok, JSON.stringify(a));
    assert.deepEqual(b, a);
    assert.deepEqual(a.value, { code: 'c0de', appState: { k: 'v' } });
    const third = await handle(page);
    assert.deepEqual(third, a, 'a later call in the same page');
    await assertClean(context, page, ['c0de'], TEST_PAGE);
    // Reload: the address bar is clean, nothing to handle.
    await page.reload();
    await page.locator('#status', { hasText: 'ready' }).waitFor();
    assertError(await handle(page), 'oauth_state');
    // The original callback URL again (a replay from history or a log).
    assertError(await land(page, `?code=c0de&state=${state}`), 'oauth_state', { message: /no pending authorization request/ });
    await assertClean(context, page, ['c0de'], TEST_PAGE);
    await finish();
  });

  for (const evil of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
    it(`state=${evil} → oauth_state, nothing polluted`, async () => {
      const { context, page, finish } = await open();
      await start(page);
      assertError(await land(page, `?code=c0de&state=${evil}`), 'oauth_state', { field: 'state' });
      const prototypeKeys = await page.evaluate(() => Object.getOwnPropertyNames(Object.prototype).length);
      assert.equal(prototypeKeys, await page.evaluate(() => Object.getOwnPropertyNames(Object.getPrototypeOf({})).length));
      assert.equal(await page.evaluate(() => ({}).constructor === Object && typeof {}.toString === 'function'), true);
      await assertClean(context, page, ['c0de'], TEST_PAGE);
      await finish();
    });
  }

  for (const [name, responseType, callback] of [
    ['code twice', 'code', '?code=a&code=b&state=STATE'],
    ['state twice', 'code', '?code=a&state=STATE&state=STATE'],
    ['state twice, once percent-encoded key', 'code', '?code=a&state=STATE&%73tate=STATE'],
    ['error twice', 'code', '?error=access_denied&error=server_error&state=STATE'],
    ['access_token twice', 'token', '#access_token=a&access_token=b&token_type=Bearer&state=STATE'],
    ['state twice in the fragment', 'token', '#access_token=a&token_type=Bearer&state=STATE&state=STATE'],
  ]) {
    it(`parameters repeated (${name}) → oauth_state`, async () => {
      const { context, page, finish } = await open();
      const state = await start(page, { responseType });
      const r = await land(page, callback.replaceAll('STATE', state));
      assertError(r, 'oauth_state', { message: /more than once/ });
      await assertClean(context, page, [], TEST_PAGE);
      await finish();
    });
  }

  for (const [name, responseType, callback, message] of [
    ['a code in a token flow (fragment)', 'token', '#code=c0de&access_token=t0ken&token_type=Bearer&state=STATE', /'code' must not be in a token-flow/],
    ['a code in a token flow (query only)', 'token', '?code=c0de&state=STATE', /state/],
    ['a token in a code flow (query)', 'code', '?code=c0de&access_token=t0ken&state=STATE', /'access_token' must not be in a code-flow/],
    ['a token in a code flow (fragment only)', 'code', '#access_token=t0ken&token_type=Bearer&state=STATE', /state/],
  ]) {
    it(`${name} → oauth_state, cleaned`, async () => {
      const { context, page, finish } = await open();
      const state = await start(page, { responseType });
      const r = await land(page, callback.replaceAll('STATE', state));
      assertError(r, 'oauth_state', { message });
      await assertClean(context, page, ['c0de', 't0ken'], TEST_PAGE);
      await finish();
    });
  }

  it('the address bar keeps the app\'s own query and loses only the OAuth parameters (on errors too)', async () => {
    const { context, page, finish } = await open();
    const redirectUri = `${TEST_PAGE}?tab=2`;
    let state = await start(page, { redirectUri });
    let r = await land(page, `?tab=2&code=c0de&state=${state}&iss=x`);
    assert.equal(r.value.code, 'c0de');
    await assertClean(context, page, ['c0de'], redirectUri);
    state = await start(page, { redirectUri });
    r = await land(page, `?tab=2&error=server_error&error_description=Boom&state=${state}`);
    assertError(r, 'oauth_error');
    assert.deepEqual([r.error.oauthError, r.error.oauthErrorDescription], ['server_error', 'Boom']);
    await assertClean(context, page, [], redirectUri);
    await finish();
  });

  it('redirectUri must be https: (loopback http aside), without a fragment', async () => {
    const { page, finish } = await open();
    await testPage(page);
    for (const [redirectUri, ok] of [
      ['http://app.example/oauth/callback', false],
      ['http://192.168.1.10/cb', false],
      ['http://localhost.evil.example/cb', false],
      ['ftp://app.example/cb', false],
      ['javascript:alert(1)//', false],
      ['/oauth/callback.html', false],
      ['https://app.example/cb#frag', false],
      ['https://app.example/a/../cb', false],
      ['https://app.example/oauth/callback', true],
      ['http://localhost:3000/cb', true],
      ['http://127.0.0.1:8080/cb', true],
      ['http://[::1]:8080/cb', true],
    ]) {
      const r = await page.evaluate((uri) => window.settle(vivo.authorizeUrl({ clientId: 'abc', redirectUri: uri })), redirectUri);
      if (ok) assert.ok(r.ok, `${redirectUri}: ${JSON.stringify(r)}`);
      else assertError(r, 'invalid_option', { field: 'redirectUri' });
    }
    const popup = await page.evaluate(() => window.settle(vivo.authorizePopup({ clientId: 'abc', redirectUri: 'http://app.example/cb' })));
    assertError(popup, 'invalid_option', { field: 'redirectUri' });
    assert.equal(await page.evaluate(() => window.messageListeners), 0);
    await finish();
  });
});

describe('popup attacks and failures', () => {
  it('closed by the user → oauth_cancelled, no listener left', async () => {
    const { page, finish } = await open();
    await testPage(page);
    const popup = await startPopup(page, { clientId: DEMO_PUBLIC, redirectUri: POPUP_CALLBACK });
    await popup.close();
    const r = await page.evaluate(() => window.popupResult);
    assertError(r, 'oauth_cancelled', { message: /closed/ });
    assert.equal(await page.evaluate(() => window.messageListeners), 0);
    await finish();
  });

  it('timing out (timeoutMs) → oauth_cancelled, the popup closed, no listener left', async () => {
    const { page, finish } = await open();
    await testPage(page);
    const popup = await startPopup(page, { clientId: DEMO_PUBLIC, redirectUri: POPUP_CALLBACK, timeoutMs: 700 });
    const t0 = Date.now();
    const r = await page.evaluate(() => window.popupResult);
    assertError(r, 'oauth_cancelled', { message: /timed out/ });
    assert.ok(Date.now() - t0 < 5000);
    assert.equal(popup.isClosed() || (await popup.waitForEvent('close', { timeout: 2000 }).then(() => true)), true);
    assert.equal(await page.evaluate(() => window.messageListeners), 0);
    await finish();
  });

  it('blocked (called outside a user gesture, popup blocking on) → oauth_cancelled, no listener', async () => {
    // Playwright turns popup blocking off by default: a browser of its own with it on.
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, ignoreDefaultArgs: ['--disable-popup-blocking'] });
    try {
      const context = await browser.newContext();
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(e.message));
      let popups = 0;
      context.on('page', () => popups++);
      // The test page calls authorizePopup as it loads: no user gesture. Nothing
      // here touches the page before it has tried (Playwright's evaluations,
      // waitFor's included, run with a user gesture).
      const attempted = page.waitForEvent('console', (m) => m.text().includes('popup attempted'));
      await page.goto(`${TEST_PAGE}?popup-on-load=${DEMO_PUBLIC}`);
      await attempted;
      const r = await page.evaluate(() => window.autoResult);
      assertError(r, 'oauth_cancelled', { message: /blocked/ });
      assert.equal(popups, 0);
      assert.equal(await pending(page), null);
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });

  it('forged messages (another origin, the page itself, the popup on the platform) are ignored; the real answer wins', async () => {
    const { page, finish } = await open();
    await testPage(page);
    const popup = await startPopup(page, { clientId: DEMO_PUBLIC, redirectUri: POPUP_CALLBACK });
    const state = new URL(popup.url()).searchParams.get('state');
    const forged = (n) => ({ type: RESULT, url: `${POPUP_CALLBACK}?code=forged-${n}&state=${state}` });
    // 1. From the page itself.
    await page.evaluate((m) => window.postMessage(m, '*'), forged(1));
    // 2. From another origin: a platform frame in the page.
    await page.evaluate((src) => {
      const iframe = document.createElement('iframe');
      iframe.src = src;
      document.body.append(iframe);
    }, `${PLATFORM}/__standin/post?messages=${encodeURIComponent(JSON.stringify([forged(2)]))}`);
    await page.frameLocator('iframe').locator('#status', { hasText: 'posted 1' }).waitFor();
    // 3. From the popup window itself while on another origin (the platform).
    await popup.evaluate((m) => window.opener.postMessage(m, '*'), forged(3));
    // 4. A same-origin frame that is not the popup.
    await page.evaluate((src) => {
      const iframe = document.createElement('iframe');
      iframe.src = src;
      document.body.append(iframe);
    }, `${APP}/__standin/post?messages=${encodeURIComponent(JSON.stringify([forged(4)]))}`);
    await page.frameLocator('iframe >> nth=1').locator('#status', { hasText: 'posted 1' }).waitFor();
    await page.waitForTimeout(100);
    assert.equal(await page.evaluate(() => window.messageListeners), 1, 'a forged message ended the wait');

    const closed = popup.waitForEvent('close');
    await decide(popup);
    await closed;
    const r = await page.evaluate(() => window.popupResult);
    assert.ok(r.ok, JSON.stringify(r));
    assert.match(r.value.code, /^[A-Za-z0-9_-]{43}$/, 'a forged code was accepted');
    assert.equal(await page.evaluate(() => window.messageListeners), 0);
    await finish();
  });

  it('an answer with another state from the popup → oauth_state, no listener left', async () => {
    const { page, finish } = await open();
    await testPage(page);
    const popup = await startPopup(page, { clientId: DEMO_PUBLIC, redirectUri: POPUP_CALLBACK });
    const closed = popup.waitForEvent('close');
    // A page in the popup sends it to the callback with someone else's answer.
    await popup.evaluate((url) => {
      location.href = url;
    }, `${POPUP_CALLBACK}?code=their-code&state=${OTHER_STATE}`);
    await closed;
    const r = await page.evaluate(() => window.popupResult);
    assertError(r, 'oauth_state', { field: 'state' });
    assert.equal(await page.evaluate(() => window.messageListeners), 0);
    await finish();
  });
});

describe('Enterprise API client', () => {
  let token;
  before(async () => {
    token = await nodeToken();
  });

  /** `enterpriseApi({ accessToken, onUnauthorized }).call(method, body)` in the page; `calls` logs the order. */
  const call = (page, accessToken, method, body) =>
    page.evaluate(
      async ([accessToken, method, body]) => {
        const order = [];
        const api = vivo.enterpriseApi({
          accessToken,
          onUnauthorized: (e) => {
            order.push(`onUnauthorized:${e.code}:${e.status}`);
          },
        });
        const r = await window.settle(api.call(method, body));
        order.push(r.ok ? 'resolved' : `rejected:${r.error.code}`);
        return { ...r, order };
      },
      [accessToken, method, body],
    );

  it('method with "..", "/", "?" and other non-methods → invalid_option, nothing requested', async () => {
    const { page, requests, finish } = await open();
    await testPage(page);
    const before = requests.length;
    for (const method of ['..', '../oauth/token', 'host/../conference/create', '/host/fetch', 'host/fetch/', 'host//fetch', 'host/fetch?x=1', 'host/fetch#x', '%2e%2e', 'host%2Ffetch', 'http://evil.example/x', '', 'HOST/FETCH', 'host fetch', 42, null]) {
      const r = await call(page, token, method);
      assertError(r, 'invalid_option', { field: 'method' });
    }
    assert.deepEqual(requests.slice(before).map((r) => r.url), []);
    // A well-formed method the handbook does not list is sent (methods added later pass): 404 not_found.
    assertError(await call(page, token, 'no/such_method'), 'not_found');
    assert.deepEqual(requests.slice(before).map((r) => r.url).filter((u) => !u.endsWith('.wasm')), [`${PLATFORM}/enterprise_api/no/such_method`]);
    await finish({ expected: [httpError(404)] });
  });

  for (const row of [
    { name: '200: host/conferences', method: 'host/conferences', body: { host_id: 8 } },
    { name: '401 (revoked token): onUnauthorized first', revoke: true, method: 'host/fetch', code: 'unauthorized', status: 401, message: /revoked/ },
    { name: '403 (another host)', method: 'host/conferences', body: { host_id: 9 }, code: 'forbidden', status: 403 },
    { name: '404 (unknown conference)', method: 'conference/fetch', body: { conference_id: 424242 }, code: 'not_found', status: 404, message: /Conference not found/ },
    { name: '500 → api_error with status', route: 'code=500', method: 'host/fetch', code: 'api_error', status: 500 },
    { name: '418 → api_error with status', route: 'code=418', method: 'host/fetch', code: 'api_error', status: 418 },
    { name: '200 with a non-JSON body → network_error', route: 'code=200&non_json=1', method: 'host/fetch', code: 'network_error' },
    { name: '500 with a non-JSON body → api_error with status', route: 'code=500&non_json=1', method: 'host/fetch', code: 'api_error', status: 500 },
    // The token would follow a redirect: it is not followed (assertBearerOnlyToPlatform below).
    { name: '302 to another origin → network_error', route: `code=302&location=${encodeURIComponent(`${APP}/enterprise_api/host/fetch`)}`, method: 'host/fetch', code: 'network_error', message: /redirects are not followed/ },
  ]) {
    const { name, method, body, code, status, message } = row;
    it(`answer ${name}`, async () => {
      const { page, requests, finish } = await open();
      await testPage(page);
      let accessToken = token;
      if (row.revoke) {
        accessToken = await nodeToken();
        const revoke = await fetch(`${PLATFORM}/oauth/revoke`, {
          method: 'POST',
          body: new URLSearchParams({ token: accessToken, client_id: clients.confidential.id, client_secret: clients.confidential.secret }),
        });
        assert.equal(revoke.status, 200);
      }
      if (row.route) {
        // The stand-in's test endpoint answers instead (the library only calls real methods).
        await page.route(`${PLATFORM}/enterprise_api/${method}`, (route) =>
          route.continue({ url: `${PLATFORM}/enterprise_api/__standin/status?${row.route}` }),
        );
      }
      const r = await call(page, accessToken, method, body);
      if (!code) {
        assert.ok(r.ok, JSON.stringify(r));
        assert.ok(Array.isArray(r.value) && r.value.length >= 2);
        for (const key of ['conference_id', 'host_id', 'subject', 'start_time', 'access_code', 'meeting_url']) assert.ok(key in r.value[0], key);
        assert.deepEqual(r.value.slice(0, 2).map((c) => c.conference_id), [801, 802]);
      } else {
        assertError(r, code);
        assert.equal(r.error.status, status);
        if (message) assert.match(r.error.message, message);
        assert.deepEqual(r.order, code === 'unauthorized' ? ['onUnauthorized:unauthorized:401', 'rejected:unauthorized'] : [`rejected:${code}`]);
      }
      const sent = requests.filter((q) => q.url.startsWith(`${PLATFORM}/enterprise_api/`));
      assert.ok(sent.length >= 1);
      for (const q of sent) {
        assert.equal(q.method === 'OPTIONS' ? 'POST' : q.method, 'POST');
      }
      assertBearerOnlyToPlatform(requests, accessToken);
      assertTokenInNoUrl(requests, accessToken);
      await finish({ expected: code ? [{ text: /Failed to load resource|status of \d+/, times: [0, 2] }] : [] });
    });
  }

  it('onUnauthorized that throws is reported, the 401 still rejects as unauthorized', async () => {
    const { page, finish } = await open();
    await testPage(page);
    const r = await page.evaluate(async () => {
      const api = vivo.enterpriseApi({
        accessToken: 'no-such-token',
        onUnauthorized: () => {
          throw new Error('partner bug');
        },
      });
      return window.settle(api.call('host/fetch'));
    });
    assertError(r, 'unauthorized');
    assert.equal(r.error.status, 401);
    await finish({ expected: [{ text: /partner bug/ }, { text: /status of 401/, times: [0, 1] }] });
  });
});
