// The element pages' script: records every event of every <vivo-meeting> and
// <vivo-livestream> in window.seen ("<id>:<type>:<detail>"), and gives the
// tests the package's exports as window.lab.
import { meetingUrl, ready, VivoMeetingsError } from '/pkg/index.js';

const TYPES = ['leave', 'meetingmessage', 'rejected', 'embederror', 'load'];
window.seen = [];
/** Records the events of `el` (once per element). */
function watch(el) {
  if (el.dataset.watched) return;
  el.dataset.watched = 'yes';
  for (const type of TYPES) {
    el.addEventListener(type, (event) => {
      const d = event.detail;
      let text = '';
      if (type === 'leave') text = d.reason;
      else if (type === 'meetingmessage') text = d.type;
      else if (type === 'rejected') text = `${d.reason}@${d.origin}`;
      else if (type === 'embederror') text = `${d.error instanceof VivoMeetingsError} ${d.error.code} ${d.error.field ?? ''}`;
      window.seen.push(`${el.id}:${type}:${text}`);
    });
  }
}
document.querySelectorAll('vivo-meeting, vivo-livestream').forEach(watch);
window.lab = { watch, meetingUrl, VivoMeetingsError, platform: window.VIVO_PLATFORM };
await ready;
document.getElementById('status').textContent = 'ready';
