// Plain Node (20+) ESM: the npm entry needs no init call on a server (the
// `node` export condition), and the server entry parses webhooks.
// Usage: node links.js <platform origin>
import { meetingUrl, livestreamUrl } from 'vivomeetings-embed';
import { parseWebhook } from 'vivomeetings-embed/server';

const domain = process.argv[2] ?? 'acme.vivomeetings.com';
console.log(meetingUrl({ domain, accessCode: 123456, name: 'Steve Irwin', skipJoin: true }));
console.log(livestreamUrl({ domain, accessCode: '123456' }));
const event = parseWebhook(JSON.stringify({ event: 'conference_end', payload: JSON.stringify({ host_id: 8, conference_id: 42 }) }));
console.log(event.event, event.hostId, event.conferenceId);
