import { ready, VivoMeetings, VivoMeetingsError } from 'vivomeetings-embed';

await ready; // importing the package started loading the .wasm that sits beside its JS

const vivo = new VivoMeetings({ domain: 'acme.vivomeetings.com' });

const meeting = vivo.embedMeeting('#room', {
  accessCode: '123456',
  name: 'Steve Irwin',
  skipJoin: true,
  mute: ['camera'],
  view: 'bottom_speaker',
});

meeting.on('leave', ({ reason }) => {
  // reason: 'left' | 'kicked' | 'blocked' (or a newer reason, as a string)
  const removed = reason === 'kicked' || reason === 'blocked';
  document.querySelector('#status').textContent = removed ? 'You were removed from the meeting.' : 'You left the meeting.';
  meeting.destroy(); // removes the iframe and the listener; safe to call here
});

try {
  vivo.meetingUrl({ accessCode: '123456', view: 'grid' });
} catch (e) {
  if (e instanceof VivoMeetingsError) console.warn(e.code, e.field); // 'invalid_option' 'view'
}
