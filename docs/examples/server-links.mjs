// Building links on a server (e-mails, calendar invites): no DOM and no init needed.
import { meetingUrl, livestreamUrl } from 'vivomeetings-embed';

console.log(meetingUrl({ domain: 'acme.vivomeetings.com', accessCode: 123456, name: 'Steve Irwin', skipJoin: true }));
// → https://acme.vivomeetings.com/conf/call/123456?name=Steve+Irwin&skip_join=true
console.log(meetingUrl({ meetingUrl: 'https://company.reseller.tld/conf/call/1234567', mute: ['camera', 'mic'] }));
// → https://company.reseller.tld/conf/call/1234567?mute=camera,mic
console.log(livestreamUrl({ domain: 'acme.vivomeetings.com', accessCode: '123456' }));
// → https://acme.vivomeetings.com/livestream/123456
