// The demo's OAuth redirect URI: handles the platform's answer, shows the
// connected account and goes on with the demo (conferences, join, revoke).
import { ready, VivoMeetings } from '/pkg/index.js';
import { connectCard } from '/oauth/connect.js';

const $ = (id) => document.getElementById(id);
const platform = window.VIVO_PLATFORM;
$('platform-origin').textContent = platform ?? '(not configured)';

let vivo;
try {
  await ready;
  vivo = new VivoMeetings({ domain: platform });
  $('lib-status').textContent = 'ready';
  $('lib-status').className = 'pill pill-ok';
} catch (error) {
  $('lib-status').textContent = 'failed';
  $('lib-status').className = 'pill pill-bad';
  throw error;
}

let embed = null;
const card = connectCard({
  vivo,
  onJoin(conference, account) {
    embed?.destroy();
    const slot = $('meeting-slot');
    slot.replaceChildren();
    embed = vivo.embedMeeting(slot, {
      meetingUrl: conference.meeting_url,
      name: account?.name,
      skipJoin: true,
      title: `Meeting room: ${conference.subject}`,
      onLeave: (e) => {
        $('meeting-state').textContent = `left · ${e.reason}`;
        $('meeting-state').className = 'pill pill-warn';
      },
    });
    slot.classList.add('filled');
    $('stage-title').textContent = `Meeting room · ${conference.subject}`;
    $('meeting-state').textContent = 'live';
    $('meeting-state').className = 'pill pill-ok';
  },
});

try {
  const result = await vivo.handleCallback();
  await card.connected(result, 'with a redirect');
} catch (error) {
  card.failed(error, 'with a redirect');
}
