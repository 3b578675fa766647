// "Connect your VivoMeetings account" (handbook 12), shared by the demo
// (www/app.js) and its redirect callback page (oauth/callback.html).
//
// The demo has no server, so it uses the platform's implicit grant
// (`responseType: 'token'`) with a public client. The access token lives in
// this module's memory only: the library never stores tokens, and neither
// does the demo. A real app with a server would use the code flow instead and
// exchange the code there (see the README).
import { VivoMeetingsError } from '/pkg/index.js';

/** The stand-in's public "Demo Browser App" client (a real app's own client id goes here). */
export const CLIENT_ID = 'vmStandinPublicBrowserClient_9fK2xQ7LmP4vR1';
/** The callback pages registered for the client, on this app's origin. */
export const CALLBACK = new URL('/oauth/callback.html', location.origin).href;
export const POPUP_CALLBACK = new URL('/oauth/popup.html', location.origin).href;

const $ = (id) => document.getElementById(id);

/** Shows an error with its code (library errors) in `box`; `null` hides it. */
export function showError(box, error, prefix = '') {
  box.replaceChildren();
  if (!error) {
    box.hidden = true;
    return;
  }
  if (prefix) box.append(prefix, ' ');
  if (error instanceof VivoMeetingsError) {
    const code = document.createElement('code');
    code.className = 'code';
    code.textContent = error.code;
    box.append(code, ' ', error.message);
  } else {
    box.append(String(error?.message ?? error));
  }
  box.dataset.code = error?.code ?? '';
  box.hidden = false;
}

/** "2026-12-01 18:15:00" (UTC, as the platform writes it) → "Tue 1 Dec, 18:15 UTC". */
function when(text) {
  const date = new Date(`${String(text).replace(' ', 'T')}Z`);
  if (Number.isNaN(date.getTime())) return String(text);
  const day = date.toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${day}, ${time} UTC`;
}

/**
 * Wires the connect card (the elements with the ids below) to `vivo`.
 * `onJoin(conference, account)` embeds a conference's room; `log(kind, text)`
 * reports what happens. Returns `{ connected(result, how) }` for a callback's
 * result and `{ failed(error) }` for a callback's error.
 */
export function connectCard({ vivo, onJoin, log = () => {} }) {
  const card = $('connect');
  const error = $('oauth-error');
  const state = $('oauth-state');
  /** The token and its client, in memory only. */
  let session = null;

  function setState(text, tone) {
    state.textContent = text;
    state.className = `pill${tone ? ` pill-${tone}` : ''}`;
    card.dataset.state = text;
  }

  function disconnected(text, tone = '') {
    session = null;
    $('oauth-connected').hidden = true;
    $('conferences').replaceChildren();
    $('connect-buttons').hidden = false;
    setState(text, tone);
  }

  /** Called (and awaited) by the library before it throws `unauthorized` (a revoked or expired token). */
  function onUnauthorized(e) {
    disconnected('disconnected', 'warn');
    showError(error, e, 'The platform no longer accepts the token: connect again.');
    log('error', `401 from the Enterprise API (${e.message}): connect again`);
  }

  /** An Enterprise API call; other errors than 401 are shown and rethrown. */
  async function call(method, body) {
    const api = session?.api;
    if (!api) throw new Error('not connected');
    try {
      return await api.call(method, body);
    } catch (e) {
      if (e?.code !== 'unauthorized') showError(error, e, `${method} failed:`);
      throw e;
    }
  }

  function renderConferences(list) {
    const items = list.map((conference) => {
      const li = document.createElement('li');
      li.dataset.conferenceId = String(conference.conference_id);
      const text = document.createElement('div');
      const subject = document.createElement('strong');
      subject.textContent = conference.subject || `Conference ${conference.conference_id}`;
      const meta = document.createElement('span');
      meta.className = 'meta';
      meta.textContent = `${when(conference.start_time)} · ${conference.duration} min · code ${conference.access_code}`;
      text.append(subject, meta);
      const join = document.createElement('button');
      join.type = 'button';
      join.className = 'join primary';
      join.textContent = 'Join';
      join.setAttribute('aria-label', `Join ${subject.textContent}`);
      join.addEventListener('click', () => {
        showError(error, null);
        try {
          onJoin(conference, session?.account);
          log('info', `joined conference ${conference.conference_id} (${conference.meeting_url})`);
        } catch (e) {
          showError(error, e, 'Could not embed the room:');
        }
      });
      li.append(text, join);
      return li;
    });
    if (!items.length) {
      const li = document.createElement('li');
      li.className = 'none';
      li.textContent = 'No upcoming conferences.';
      items.push(li);
    }
    $('conferences').replaceChildren(...items);
  }

  async function refresh() {
    showError(error, null);
    const list = await call('host/conferences', { host_id: session.account.host_id });
    renderConferences(Array.isArray(list) ? list : []);
    log('info', `host/conferences: ${Array.isArray(list) ? list.length : 0} upcoming`);
  }

  /** Takes a callback's token result: fetches the account and its conferences. */
  async function connected(result, how) {
    showError(error, null);
    const api = vivo.enterpriseApi({ accessToken: result.accessToken, onUnauthorized });
    session = { api, token: result.accessToken, account: null };
    setState('connecting…');
    try {
      const account = await call('host/fetch');
      session.account = account;
      $('oauth-account').textContent = account.name ?? `Host ${account.host_id}`;
      $('oauth-email').textContent = `${account.email ?? ''} · host ${account.host_id}`;
      $('connect-buttons').hidden = true;
      $('oauth-connected').hidden = false;
      setState('connected', 'ok');
      log('info', `connected ${account.name} (host ${account.host_id}) ${how}; token in memory only, expires ${result.expiresAt ? new Date(result.expiresAt).toLocaleTimeString([], { hour12: false }) : 'never'}`);
      await refresh();
    } catch (e) {
      if (session?.api === api && e?.code !== 'unauthorized') disconnected('not connected');
      throw e;
    }
  }

  function failed(e, how) {
    disconnected(e?.code === 'oauth_cancelled' ? 'cancelled' : 'not connected', e?.code === 'oauth_error' ? 'bad' : '');
    const why =
      e?.code === 'oauth_error' && e.oauthError === 'access_denied'
        ? 'You denied access on the platform.'
        : `Connecting ${how} failed.`;
    showError(error, e, why);
    log('error', `${why} ${e?.code ?? ''} ${e?.message ?? e}`);
  }

  const run = (action) => () => action().catch(() => {});

  $('oauth-redirect').addEventListener(
    'click',
    run(async () => {
      showError(error, null);
      setState('redirecting…');
      try {
        await vivo.authorize({ clientId: CLIENT_ID, redirectUri: CALLBACK, responseType: 'token', scope: 'read', appState: { from: location.pathname } });
      } catch (e) {
        failed(e, 'with a redirect');
      }
    }),
  );

  $('oauth-popup').addEventListener(
    'click',
    run(async () => {
      showError(error, null);
      setState('waiting for the popup…');
      let result;
      try {
        // Called straight from the click: a popup opened later would be blocked.
        result = await vivo.authorizePopup({ clientId: CLIENT_ID, redirectUri: POPUP_CALLBACK, responseType: 'token', scope: 'read' });
      } catch (e) {
        failed(e, 'in the popup');
        return;
      }
      await connected(result, 'in a popup');
    }),
  );

  $('oauth-refresh').addEventListener('click', run(refresh));

  $('oauth-revoke').addEventListener(
    'click',
    run(async () => {
      if (!session) return;
      showError(error, null);
      const { token } = session;
      // RFC 7009 revocation as the public client (client_id, no secret). The
      // platform's OAuth endpoints send no CORS headers, so the browser may
      // send this simple form POST but not read the answer ('no-cors'). With
      // a server, call revokeToken() from 'vivomeetings-embed/server' there.
      await fetch(`${vivo.origin}/oauth/revoke`, {
        method: 'POST',
        mode: 'no-cors',
        credentials: 'omit',
        body: new URLSearchParams({ token, client_id: CLIENT_ID }),
      }).catch(() => {});
      log('info', 'revoked the token (POST /oauth/revoke); checking with host/conferences');
      // The next call answers 401: onUnauthorized asks the user to connect again.
      await refresh();
    }),
  );

  disconnected('not connected');
  return { connected, failed };
}
