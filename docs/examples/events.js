import { ready, VivoMeetings } from 'vivomeetings-embed';

await ready;
const vivo = new VivoMeetings({ domain: 'acme.vivomeetings.com' });
const log = (line) => document.querySelector('#log').append(`${line}\n`);

const meeting = vivo.embedMeeting('#room', {
  accessCode: '123456',
  // A debugging aid: messages dropped by the origin, source or shape checks.
  onRejected: ({ reason, origin }) => log(`dropped a message (${reason} check) from ${origin}`),
});

// Every validated message from this iframe, leaves included, as { type, data }.
const off = meeting.on('message', ({ type }) => log(`message: ${type}`));
// 'leave' events are { type: 'leave', reason }; once() fires for the next one only.
meeting.once('leave', ({ reason }) => log(`left with reason: ${reason}`));

// Or await the first leave.
const { reason } = await meeting.left;
off(); // on() returns its own unsubscribe; meeting.off('message', fn) works too
log(`the call ended (${reason}): cleaning up`);
meeting.destroy();
