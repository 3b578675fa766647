// vivomeetings-embed/server: for a partner's back end (Node 20+, Deno,
// Bun, workers; no DOM). Webhooks (handbook 11) and the OAuth token calls
// (12.6.1, 12.7.2). The wasm is built with the `server` feature, inlined
// here and compiled on first use, so importing this module never throws and
// needs no file access; runtimes that forbid compiling wasm from bytes
// (Cloudflare Workers, Vercel Edge) pass the module: `initServer({ module })`.
import { fromBase64, instantiate, invoke } from './abi.js';
import { wasmBase64 } from './server-wasm.js';
import { fail, pack, result, unpack, VivoMeetingsError } from './errors.js';
import { fetchNoRedirect } from './fetch.js';
import { checkText, Options, text } from './options.js';

export { VivoMeetingsError };

/** The largest webhook body accepted (what the core's parser reads). */
const BODY_MAX = 64 * 1024;
/** The server wasm's exports, once instantiated. */
let exports;

/** Instantiates the server wasm from `module` (bytes or a `WebAssembly.Module`); without one, from the inlined copy. */
export function initServer(options) {
  if (!exports) {
    exports = instantiate(options?.module ?? fromBase64(wasmBase64));
  }
}

/** Calls the server wasm's export `name` with `input` (instantiated on first use): its result, or its error thrown. */
function run(name, input) {
  if (!exports) {
    try {
      initServer();
    } catch (e) {
      throw fail('not_ready', '', `this runtime cannot compile wasm from bytes (${e && e.message}): call initServer({ module }) with the imported vivomeetings_embed_server_bg.wasm first`);
    }
  }
  return result(invoke(exports, name, input));
}

/** Calls the export `name` with `args` packed. */
const call = (name, ...args) => run(name, pack(args));

/** `invalid_webhook` with the HTTP status to answer. */
function refused(status, error) {
  const e = error instanceof VivoMeetingsError ? error : fail('invalid_webhook', '', String(error));
  if (e.code !== 'invalid_webhook') return e;
  e.status = status;
  return e;
}

const event = (json) => JSON.parse(json);



/**
 * Parses a webhook's raw body (a string or bytes: not an already-parsed
 * object, whose double-encoded payload could not be checked) into a typed
 * event. An unknown event name comes back as `{ event, known: false, payload }`.
 */
export function parseWebhook(body) {
  let bytes;
  if (typeof body === 'string') {
    if (body.length > BODY_MAX) throw refused(413, fail('invalid_webhook', 'body', 'is over 64 KiB'));
    bytes = new TextEncoder().encode(body);
  } else if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    bytes = new Uint8Array(body);
  } else {
    throw refused(400, fail('invalid_webhook', 'body', 'must be the raw body, a string or bytes (not a parsed object)'));
  }
  if (bytes.length > BODY_MAX) throw refused(413, fail('invalid_webhook', 'body', 'is over 64 KiB'));
  try {
    // parse_webhook takes the body's bytes as they are (not packed).
    return event(run('parse_webhook', bytes));
  } catch (e) {
    throw refused(400, e);
  }
}

/** Reads at most `BODY_MAX + 1` bytes of a request's body (`headers` and `body` as checked by `handleWebhook`). */
async function readBody(headers, body) {
  const length = Number(headers.get('content-length'));
  if (length > BODY_MAX) throw refused(413, fail('invalid_webhook', 'body', 'is over 64 KiB'));
  if (!body) return new Uint8Array();
  const reader = body.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch (e) {
      // The client went away, or the stream failed: nothing to answer to.
      throw refused(400, fail('invalid_webhook', 'body', `could not be read (${e && e.message})`));
    }
    const { done, value } = chunk;
    if (done) break;
    if (!(value instanceof Uint8Array)) {
      reader.cancel().catch(() => {});
      throw refused(400, fail('invalid_webhook', 'body', 'must be a stream of bytes'));
    }
    size += value.length;
    if (size > BODY_MAX) {
      reader.cancel().catch(() => {});
      throw refused(413, fail('invalid_webhook', 'body', 'is over 64 KiB'));
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Receives a webhook from a standard `Request`: POST only (405), the
 * endpoint's secret (the `secret` query parameter or the URL's last path
 * segment, compared in constant time; 401), at most 64 KiB (413), a
 * well-formed body (400). A refusal is `invalid_webhook` with `status`.
 */
export async function handleWebhook(request, options) {
  const o = new Options(options, 'options', ['secret']);
  const secret = text(o, 'secret');
  if (secret === undefined) throw fail('invalid_option', 'secret', 'is required');
  let method;
  let url;
  let headers;
  let body;
  let used;
  try {
    ({ method, url, headers, body, bodyUsed: used } = request);
  } catch {
    throw fail('invalid_option', 'request', 'must be a Request');
  }
  if (typeof url !== 'string' || typeof method !== 'string' || typeof headers?.get !== 'function' || (body != null && typeof body.getReader !== 'function')) {
    // A node:http IncomingMessage (or an Express req) is the usual mistake.
    throw fail('invalid_option', 'request', 'must be a standard Request (convert a node:http IncomingMessage first)');
  }
  if (used || body?.locked) throw fail('invalid_option', 'request', 'its body was already read: pass the request before any body parser');
  if (method !== 'POST') throw refused(405, fail('invalid_webhook', 'method', `must be POST (got '${method.slice(0, 16)}')`));
  try {
    call('check_webhook_secret', url, secret);
  } catch (e) {
    throw refused(401, e);
  }
  return parseWebhook(await readBody(headers, body));
}

/** How long a token call may take before it is `network_error`. */
const TOKEN_TIMEOUT_MS = 30_000;

/** Token calls in flight by refresh token: concurrent refreshes share one request. */
const refreshing = new Map();

/** Reads a token call's options. */
const tokenOptions = (options, keys) => new Options(options, 'options', ['domain', 'clientId', 'clientSecret', ...keys]);

/** One token call with the options `o`; `value` names the option with the code or token. */
async function tokenCall(kind, o, value) {
  const [url, body] = unpack(call(
    'token_request',
    kind,
    text(o, 'domain', 'invalid_domain'),
    text(o, 'clientId') ?? '',
    text(o, 'clientSecret') ?? '',
    checkText(o.get(value), o.field(value)) ?? '',
    text(o, 'redirectUri') ?? '',
    text(o, 'codeVerifier'),
  ));
  let response;
  let answer;
  try {
    response = await fetchNoRedirect(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body,
      // A token endpoint that never answers must not hold a refresh (and
      // every refresh sharing it) forever.
      signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS),
    });
    answer = await response.text();
  } catch (e) {
    throw fail('network_error', '', `the token request failed (${e && e.message})`);
  }
  if (kind === 'revoke' && response.ok) return undefined;
  // The core reads at most 64 KiB of JSON (more is "did not answer JSON"):
  // a longer answer is cut before it is copied into wasm memory.
  const [outcome, a, b, c, d, e] = unpack(call('token_response', answer.slice(0, BODY_MAX + 1), Date.now()));
  if (outcome === 'denied') {
    const error = fail('oauth_error', '', `the platform answered ${a}${b ? `: ${b}` : ''}`);
    error.oauthError = a;
    error.oauthErrorDescription = b || undefined;
    error.status = response.status;
    throw error;
  }
  if (!response.ok) throw Object.assign(fail('api_error', '', `the token endpoint answered HTTP ${response.status}`), { status: response.status });
  return { accessToken: a, refreshToken: b || undefined, tokenType: c, expiresAt: d ? Number(d) : undefined, scope: e || undefined };
}

/** Exchanges an authorization code for tokens (the code grant of 12.6.1), on your server, which keeps the client secret. */
export function exchangeCode(options) {
  return new Promise((resolve) => resolve(tokenCall('code', tokenOptions(options, ['code', 'redirectUri', 'codeVerifier']), 'code')));
}

/** New tokens for a refresh token (12.7.2). Concurrent calls with the same refresh token share one request. */
export function refreshToken(options) {
  return new Promise((resolve) => {
    const o = tokenOptions(options, ['refreshToken']);
    const key = [text(o, 'domain'), text(o, 'clientId'), text(o, 'clientSecret'), text(o, 'refreshToken')].join('\n');
    let flight = refreshing.get(key);
    if (!flight) {
      flight = tokenCall('refresh', o, 'refreshToken').finally(() => refreshing.delete(key));
      refreshing.set(key, flight);
    }
    resolve(flight);
  });
}

/** Revokes an access or refresh token (`/oauth/revoke`). */
export function revokeToken(options) {
  return new Promise((resolve) => resolve(tokenCall('revoke', tokenOptions(options, ['token']), 'token')));
}
