// The stand-in platform over HTTP, for the server-side tests: its OAuth
// authorize flow driven like a browser would (login, consent), an
// Enterprise API call with a token, and waiting for what it delivers.
// Run through scripts/with-standin.sh.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';

const PLATFORM = process.env.VIVO_PLATFORM;
const APP = process.env.VIVO_APP;
const json = JSON.stringify;

export const standin = (path, init) => fetch(PLATFORM + path, init);
export const postJson = (path, value) =>
  standin(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: json(value) });

export const DEMO = {
  domain: PLATFORM,
  clientId: '0LnnLKxGjcjU_btg6d2xD46RWmQlCCbNpgEk2FQAuco',
  clientSecret: 'vm-standin-demo-secret-2c6f0d9e8b7a4f1e93d5',
};
export const DEMO_REDIRECT = `${APP}/oauth/callback.html`;
const unescape = (s) =>
  s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" })[e]);

/** Drives the stand-in's authorize flow over HTTP (login, consent): the code it redirects with. */
export async function authorizeCode({ clientId, redirectUri, challenge }) {
  const state = randomBytes(32).toString('base64url');
  const query = new URLSearchParams({ client_id: clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'read,write', state });
  if (challenge) query.append('code_challenge', challenge), query.append('code_challenge_method', 'S256');
  let r = await standin(`/oauth/authorize?${query}`, { redirect: 'manual' });
  const login = await r.text();
  assert.equal(r.status, 200, login);
  const returnTo = unescape(login.match(/name="return_to" value="([^"]*)"/)[1]);
  r = await standin('/oauth/login', {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ email: 'john@company.tld', password: 'demo-password-8', return_to: returnTo }),
  });
  assert.equal(r.status, 303);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  assert.match(cookie, /^vm_session=/);
  r = await fetch(new URL(r.headers.get('location'), PLATFORM), { redirect: 'manual', headers: { cookie } });
  const consent = await r.text();
  assert.match(consent, /id="consent"/);
  const authenticity = unescape(consent.match(/name="authenticity_token" value="([^"]*)"/)[1]);
  r = await standin('/oauth/authorize', {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie },
    body: new URLSearchParams({ authenticity_token: authenticity, decision: 'authorize' }),
  });
  assert.equal(r.status, 302);
  const back = new URL(r.headers.get('location'));
  assert.equal(`${back.origin}${back.pathname}`, redirectUri);
  assert.equal(back.searchParams.get('state'), state);
  return back.searchParams.get('code');
}

/** An Enterprise API call with a Bearer token: [status, body]. */
export async function hostFetch(accessToken) {
  const r = await standin('/enterprise_api/host/fetch', {
    method: 'POST',
    headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    body: '{}',
  });
  return [r.status, await r.json()];
}

/** Resolves with `predicate()` once it is truthy (checked every 20 ms), or fails after `ms`: a delivery to arrive, say. */
export async function until(predicate, what, ms = 5000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = predicate();
    if (value) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
