// Building links on a server (e-mails, calendar invites): no DOM needed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { initSync, meetingUrl, livestreamUrl } from 'vivomeetings-embed';

const wasm = createRequire(import.meta.url).resolve('vivomeetings-embed/vivomeetings_embed_bg.wasm');
initSync({ module: readFileSync(wasm) });

console.log(meetingUrl({ domain: 'acme.vivomeetings.com', accessCode: 123456, name: 'Steve Irwin', skipJoin: true }));
// → https://acme.vivomeetings.com/conf/call/123456?name=Steve+Irwin&skip_join=true
console.log(meetingUrl({ meetingUrl: 'https://company.reseller.tld/conf/call/1234567', mute: ['camera', 'mic'] }));
// → https://company.reseller.tld/conf/call/1234567?mute=camera,mic
console.log(livestreamUrl({ domain: 'acme.vivomeetings.com', accessCode: '123456' }));
// → https://acme.vivomeetings.com/livestream/123456
