// The OAuth e2e test page: the library on window, nothing done on its own
// except `?popup-on-load=<clientId>` (authorizePopup with no user gesture,
// as the page loads).
// `#go` runs `window.onGo()` from a real click (a user gesture).
import { ready, VivoMeetings, VivoMeetingsError } from '/pkg/index.js';

/** A promise's outcome as plain data (VivoMeetingsError fields kept). */
window.settle = (promise) =>
  Promise.resolve(promise).then(
    (value) => ({ ok: true, value }),
    (e) => ({
      ok: false,
      error: {
        isVivoError: e instanceof VivoMeetingsError,
        name: e?.name,
        code: e?.code,
        field: e?.field,
        message: e?.message,
        status: e?.status,
        oauthError: e?.oauthError,
        oauthErrorDescription: e?.oauthErrorDescription,
      },
    }),
  );

await ready;
window.vivo = new VivoMeetings({ domain: window.VIVO_PLATFORM });
window.VivoMeetingsError = VivoMeetingsError;
document.getElementById('go').addEventListener('click', () => window.onGo?.());

const auto = new URLSearchParams(location.search).get('popup-on-load');
if (auto) {
  window.autoResult = window.settle(
    window.vivo.authorizePopup({ clientId: auto, redirectUri: `${location.origin}/oauth/popup.html`, timeoutMs: 3000 }),
  );
  // The test waits for this line before it touches the page: Playwright's
  // evaluations run with a user gesture, which would let the popup through.
  console.info('oauth test page: popup attempted');
}
document.getElementById('status').textContent = 'ready';
