// Connecting a user's platform account (handbook 12) and calling the
// Enterprise API with the token. The wasm builds the authorize URL and
// checks the callback; this file does the randomness (crypto), hashing
// (crypto.subtle), storage (sessionStorage), history, popup and fetch.
import { fail, report, unpack } from './errors.js';
import { callback, checkText, flag, Options, text } from './options.js';
import { fetchNoRedirect } from './fetch.js';
import { call } from './load.js';

const AUTHORIZE = ['clientId', 'redirectUri', 'responseType', 'scope', 'pkce', 'appState'];
/** The popup's window name: the callback page knows by it that it runs in a popup. */
const POPUP = 'vivomeetings-oauth';
/** The popup result message's `type`. */
const RESULT = 'vivomeetings-oauth-callback';
const TEN_MINUTES = 10 * 60 * 1000;
/** The most characters of `appState`, as JSON. */
const APP_STATE_MAX = 4096;

const storageKey = (origin) => `vivomeetings-embed:oauth:${origin}`;

/** 32 random bytes (or the bytes given) in unpadded base64url. */
function base64url(bytes = crypto.getRandomValues(new Uint8Array(32))) {
  return btoa(String.fromCharCode(...new Uint8Array(bytes)))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}

/**
 * Reads the authorize options and makes the request: its URL and what to
 * keep until the callback (`pending`).
 */
async function prepare(origin, options, extra = []) {
  const o = new Options(options, 'options', [...AUTHORIZE, ...extra]);
  const clientId = text(o, 'clientId');
  const redirectUri = text(o, 'redirectUri');
  if (clientId === undefined) throw fail('invalid_option', 'clientId', 'is required');
  if (redirectUri === undefined) throw fail('invalid_option', 'redirectUri', 'is required');
  const responseType = text(o, 'responseType') ?? 'code';
  const scope = text(o, 'scope') ?? 'read,write';
  let appState;
  if (o.get('appState') !== undefined) {
    try {
      appState = JSON.stringify(o.get('appState'));
    } catch {
      throw fail('invalid_option', 'appState', 'must be JSON-serializable');
    }
    if (appState === undefined || appState.length > APP_STATE_MAX) {
      throw fail('invalid_option', 'appState', `must be JSON-serializable, at most ${APP_STATE_MAX} characters as JSON`);
    }
  }
  const state = base64url();
  let codeVerifier;
  let challenge;
  if (flag(o, 'pkce')) {
    codeVerifier = base64url();
    challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier)));
  }
  const url = call('authorize_url', origin, clientId, redirectUri, responseType, scope, state, challenge);
  const pending = { responseType, state, redirectUri, scope, createdAt: Date.now(), codeVerifier, appState };
  return { url, pending, o };
}

/** The authorize URL; the pending request is kept in `sessionStorage` (one per platform, the latest wins). */
export async function authorizeUrl(origin, options) {
  const { url, pending } = await prepare(origin, options);
  sessionStorage.setItem(storageKey(origin), JSON.stringify(pending));
  return url;
}

/**
 * Checks the callback `url` against `pending` (which is used up either way):
 * the code or the token, with the request's `appState`; a denial is `oauth_error`.
 */
function complete(pending, url) {
  if (!pending) throw fail('oauth_state', 'state', 'there is no pending authorization request (already used, or made in another tab)');
  const outcome = call('oauth_callback', url, pending.responseType, pending.state, pending.redirectUri, pending.createdAt, Date.now());
  const [kind, a, b, c, d] = unpack(outcome);
  const appState = pending.appState === undefined ? undefined : JSON.parse(pending.appState);
  if (kind === 'denied') {
    const e = fail('oauth_error', '', `the platform answered ${a}${b ? `: ${b}` : ''}`);
    e.oauthError = a;
    e.oauthErrorDescription = b || undefined;
    throw e;
  }
  if (kind === 'code') {
    return pending.codeVerifier === undefined ? { code: a, appState } : { code: a, codeVerifier: pending.codeVerifier, appState };
  }
  return { accessToken: a, tokenType: b, expiresAt: c ? Number(c) : undefined, scope: d || pending.scope, appState };
}

/** The OAuth answer parameters (the wasm reads these and no others). */
const ANSWER = ['code', 'state', 'error', 'error_description', 'error_uri', 'iss', 'access_token', 'token_type', 'expires_in', 'scope', 'refresh_token'];
/** The answer's parameters removed from a callback URL's query (not `scope`: a query's may be your own). */
const OAUTH_PARAMS = ANSWER.filter((name) => name !== 'scope');

const formKey = (pair) => {
  const key = pair.split('=', 1)[0].replace(/\+/g, ' ');
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
};

/** `url` without the query pairs named in `names` (the others kept byte for byte, the fragment too). */
function withoutQueryPairs(url, names) {
  const hash = url.indexOf('#');
  const before = hash < 0 ? url : url.slice(0, hash);
  const question = before.indexOf('?');
  if (question < 0) return url;
  const pairs = before.slice(question + 1).split('&');
  const kept = pairs.filter((pair) => pair && !names.includes(formKey(pair)));
  if (kept.length === pairs.length) return url;
  return before.slice(0, question) + (kept.length ? `?${kept.join('&')}` : '') + (hash < 0 ? '' : url.slice(hash));
}

/**
 * The address bar without the OAuth answer, when `url` is this page's. An
 * answer in the wrong place (a code in a token flow's query, a token in a
 * code flow's query or fragment) is refused, and leaves too. The rules are
 * the Rust core's `callback_url_without_oauth_params` (its table of cases
 * is in src/core/oauth/tests.rs); calling that through the wasm instead
 * measured 108 B gzip more.
 */
function cleanAddressBar(url, responseType) {
  if (typeof location === 'undefined' || url !== location.href) return url;
  let clean = withoutQueryPairs(url, OAUTH_PARAMS);
  const hash = clean.indexOf('#');
  const answerInFragment = hash >= 0 && clean.slice(hash + 1).split('&').some((pair) => ANSWER.includes(formKey(pair)));
  // The token flow's answer is the whole fragment: it goes with its '#'.
  if (hash >= 0 && (responseType !== 'code' || answerInFragment)) clean = clean.slice(0, hash);
  if (clean !== url) history.replaceState(history.state, '', clean);
  return clean;
}

/** Results by callback URL (the original and the cleaned one): React StrictMode calls the handler twice. */
const handled = new Map();

/**
 * Handles the redirect back from the platform: checks the callback against
 * the pending request (which it uses up), cleans the address bar, and
 * resolves with the code or the token. In the popup that `authorizePopup`
 * opened, it hands the callback to the opener instead and closes the popup.
 */
export async function handleCallback(origin, options) {
  const o = new Options(options ?? {}, 'options', ['url']);
  const url = text(o, 'url') ?? location.href;
  const memo = handled.get(url);
  if (memo) return memo;
  if (typeof window !== 'undefined' && window.name === POPUP && window.opener) {
    const clean = cleanAddressBar(url);
    window.opener.postMessage({ type: RESULT, url }, location.origin);
    window.close();
    return { popup: true, url: clean };
  }
  const key = storageKey(origin);
  let pending;
  try {
    pending = JSON.parse(sessionStorage.getItem(key));
  } catch {
    pending = null;
  }
  // Read and removed in one step: a request is used once.
  sessionStorage.removeItem(key);
  const clean = cleanAddressBar(url, pending?.responseType);
  const outcome = new Promise((ok) => ok(complete(pending, url)));
  handled.set(url, outcome);
  handled.set(clean, outcome);
  return outcome;
}

/**
 * Opens the authorize page in a popup (call it from a click handler) and
 * resolves with the callback's result, accepted only from this page's own
 * origin, from that popup window, with the expected state.
 */
export async function authorizePopup(origin, options) {
  const popup = typeof window === 'undefined' ? null : window.open('about:blank', POPUP, 'popup,width=520,height=680');
  if (!popup) throw fail('oauth_cancelled', '', 'the popup was blocked: call authorizePopup from a click handler');
  let request;
  let timeoutMs;
  // Bad options close the popup that was just opened.
  try {
    request = await prepare(origin, options, ['timeoutMs']);
    timeoutMs = request.o.get('timeoutMs') ?? TEN_MINUTES;
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw fail('invalid_option', 'timeoutMs', 'must be a positive number of milliseconds');
  } catch (e) {
    popup.close();
    throw e;
  }
  popup.location.href = request.url;
  return new Promise((resolve, reject) => {
    const finish = (settle, value) => {
      window.removeEventListener('message', onMessage);
      clearInterval(poll);
      clearTimeout(timer);
      settle(value);
    };
    const onMessage = (event) => {
      if (event.origin !== location.origin || event.source !== popup) return;
      const data = event.data;
      if (data === null || typeof data !== 'object' || data.type !== RESULT || typeof data.url !== 'string') return;
      try {
        finish(resolve, complete(request.pending, data.url));
      } catch (e) {
        finish(reject, e);
      }
    };
    // A platform page with a Cross-Origin-Opener-Policy makes `closed` read
    // true while the popup is still open: then only the timeout ends the wait.
    const poll = setInterval(() => {
      if (popup.closed) finish(reject, fail('oauth_cancelled', '', 'the popup was closed before the authorization finished'));
    }, 500);
    const timer = setTimeout(() => {
      popup.close();
      finish(reject, fail('oauth_cancelled', '', 'the authorization timed out'));
    }, timeoutMs);
    window.addEventListener('message', onMessage);
  });
}

/**
 * An Enterprise API client (handbook 1, 4-8, 12.7): `call(method, body)`
 * POSTs JSON to `<origin>/enterprise_api/<method>` with
 * `Authorization: Bearer <token>` and resolves with the parsed answer.
 */
export class EnterpriseApi {
  #origin;
  #token;
  #onUnauthorized;

  constructor(origin, options) {
    if (typeof origin !== 'string' || !(options instanceof Options)) {
      throw fail('invalid_option', '', 'Enterprise API clients are made by VivoMeetings#enterpriseApi');
    }
    this.#origin = origin;
    this.#token = text(options, 'accessToken');
    if (this.#token === undefined) throw fail('invalid_option', 'accessToken', 'is required');
    this.#onUnauthorized = callback(options, 'onUnauthorized');
    call('enterprise_call', origin, 'host/fetch', this.#token); // checks the token now
  }

  /** Calls `method` with the JSON `body` (default `{}`). */
  async call(method, body = {}) {
    if (this === null || typeof this !== 'object' || !(#token in this)) throw fail('destroyed', '', 'not an EnterpriseApi client');
    const [url, httpMethod] = unpack(call('enterprise_call', this.#origin, checkText(method, 'method') ?? '', this.#token));
    let json;
    try {
      json = JSON.stringify(body);
    } catch {
      throw fail('invalid_option', 'body', 'must be JSON-serializable');
    }
    let response;
    try {
      // The token goes to the platform's origin only, never after a redirect.
      response = await fetchNoRedirect(url, {
        method: httpMethod,
        headers: { Authorization: `Bearer ${this.#token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: json,
        credentials: 'omit',
      });
    } catch (e) {
      throw fail('network_error', '', `the request failed (${e && e.message}); a browser needs the platform to allow this origin (CORS)`);
    }
    let answer;
    try {
      answer = await response.json();
    } catch {
      answer = undefined;
    }
    const message = answer && typeof answer.message === 'string' ? answer.message : undefined;
    try {
      call('enterprise_status', response.status, message);
    } catch (error) {
      error.status = response.status;
      if (error.code === 'unauthorized' && this.#onUnauthorized) {
        try {
          await this.#onUnauthorized(error);
        } catch (e) {
          report(e);
        }
      }
      throw error;
    }
    if (answer === undefined || answer === null || typeof answer !== 'object') {
      throw fail('network_error', '', `the answer was not a JSON object (HTTP ${response.status})`);
    }
    return answer;
  }
}
