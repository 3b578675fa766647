// A partner's page script: embed a meeting, show what the leave says.
// The platform origin comes from the test (?platform=…); a partner writes its own domain.
import { VivoMeetings, ready } from 'vivomeetings-embed';

const platform = new URLSearchParams(location.search).get('platform');

ready.then(() => {
  const vivo = new VivoMeetings({ domain: platform });
  const meeting = vivo.embedMeeting('#room', { accessCode: '123456', name: 'Stack Check', title: 'Stack meeting' });
  meeting.on('leave', ({ reason }) => {
    document.querySelector('#left').textContent = reason;
  });
});
