// The popup's callback page (redirect URI of `authorizePopup`): in the popup
// the library opened, handleCallback() hands the answer to the opener (this
// origin only) and closes the window; the opener checks it.
import { ready, VivoMeetings } from '/pkg/index.js';

const status = document.getElementById('popup-status');
try {
  await ready;
  const vivo = new VivoMeetings({ domain: window.VIVO_PLATFORM });
  const result = await vivo.handleCallback();
  document.body.dataset.result = result.popup ? 'handed-off' : 'handled';
  status.textContent = result.popup
    ? 'Done: the demo has the answer. You can close this window.'
    : 'This page is the popup callback, but it was not opened by the demo: go back to the demo and connect from there.';
} catch (error) {
  // Without an opener (opened by hand), handleCallback checks the answer here.
  document.body.dataset.result = 'error';
  status.textContent = `${error.code ? `${error.code}: ` : ''}${error.message}`;
}
