import { ready, VivoMeetings } from 'vivomeetings-embed';

await ready;
const vivo = new VivoMeetings({ domain: 'acme.vivomeetings.com' });

// host_id and login_token_public_key come from your server (host endpoints, handbook 6.0).
const { hostId, loginTokenPublicKey } = await (await fetch('/api/vivomeetings/me')).json();

document.querySelector('#open-meetings').addEventListener('click', () => {
  vivo.signIn({
    hostId,
    loginTokenPublicKey,
    redirectTo: { accessCode: '123456', skipJoin: true }, // or redirectUrl: '/conf/calls/upcoming'
    afterCallUrl: 'https://partner.example/meetings/done',
    afterCallHosts: ['partner.example'],
    newTab: true,
  });
});
