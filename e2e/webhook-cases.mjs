// Webhook bodies (handbook 11) as data: the ten events with their typed
// shapes, the malformed bodies of issue 13 with the field each is blamed
// on, and bodies at and past the size limit. Shared by e2e/server.test.mjs (Node) and e2e/runtimes.test.mjs (Deno,
// Bun, workerd).

export const json = JSON.stringify;
/** A webhook body as the platform writes it: `payload` double-encoded (a string as given, else serialized). */
export const body = (event, payload) => json({ event, payload: typeof payload === 'string' ? payload : json(payload) });
export const ids = { host_id: 61803, conference_id: 1258835 };
export const LINK = 'https://subdomain.domain.tld/recording/inline/dc68df6c8a5.mp4';

/** A well-formed body and the event it parses into. */
export const GOOD = body('conference_end', ids);
export const ENDED = { event: 'conference_end', known: true, hostId: 61803, conferenceId: 1258835 };
/** GOOD padded with spaces inside the object to `n` bytes. */
export const padded = (n) => GOOD.slice(0, -1) + ' '.repeat(n - GOOD.length) + '}';
/** A body stream of `chunks` chunks of `size` bytes (sent without Content-Length). */
export const stream = (chunks, size = 1024, fill = 0x20) => {
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent++ === chunks) c.close();
      else c.enqueue(new Uint8Array(size).fill(fill));
    },
  });
};

/** The expected typed event of each handbook event, from the payload it is built from. */
export const TEN = [
  ['conference_start', ids, { hostId: 61803, conferenceId: 1258835 }],
  ['conference_end', ids, { hostId: 61803, conferenceId: 1258835 }],
  ['start_recording', ids, { hostId: 61803, conferenceId: 1258835 }],
  ['stop_recording', ids, { hostId: 61803, conferenceId: 1258835 }],
  ['start_streaming', ids, { hostId: 61803, conferenceId: 1258835 }],
  ['stop_streaming', ids, { hostId: 61803, conferenceId: 1258835 }],
  [
    'recording_ready',
    { ...ids, recording_id: 12345, download_link: LINK },
    { hostId: 61803, conferenceId: 1258835, recordingId: 12345, downloadLink: LINK },
  ],
  ['transcription_ready', ids, { hostId: 61803, conferenceId: 1258835 }],
  ['enter_livestream', { ...ids, participant_id: 4242 }, { hostId: 61803, conferenceId: 1258835, participantId: 4242 }],
  ['leave_livestream', { ...ids, participant_id: 0 }, { hostId: 61803, conferenceId: 1258835, participantId: 0 }],
];

/** Bodies refused with 400 (issue 13's "Bad input"): [name, body, field]. */
const rr = (link) => body('recording_ready', { ...ids, recording_id: 1, download_link: link });
export const deep = (n) => '['.repeat(n) + ']'.repeat(n);
export const BAD = [
  ['body not JSON', 'hello', 'body'],
  ['body empty', '', 'body'],
  ['body truncated', body('conference_end', ids).slice(0, -1), 'body'],
  ['body an array', '[]', 'body'],
  ['body null', 'null', 'body'],
  ['body with a BOM', `\ufeff${body('conference_end', ids)}`, 'body'],
  ['body not UTF-8', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), 'body'],
  ['event missing', json({ payload: json(ids) }), 'event'],
  ['event a number', json({ event: 5, payload: json(ids) }), 'event'],
  ['event null', json({ event: null, payload: json(ids) }), 'event'],
  ['event empty', body('', ids), 'event'],
  ['event twice', `{"event":"conference_end","event":"x","payload":${json(json(ids))}}`, 'event'],
  ['payload missing', json({ event: 'conference_end' }), 'payload'],
  ['payload an object', json({ event: 'conference_end', payload: ids }), 'payload'],
  ['payload invalid JSON', body('conference_end', '{host_id:1}'), 'payload'],
  ['payload "null"', body('conference_end', 'null'), 'payload'],
  ['payload an array', body('conference_end', json([ids])), 'payload'],
  ['payload a number', body('conference_end', '5'), 'payload'],
  ['payload with a lone surrogate', body('x', '{"a":"\\ud800"}'), 'payload'],
  ['host_id missing', body('conference_end', { conference_id: 1 }), 'payload.host_id'],
  ['conference_id missing', body('conference_end', { host_id: 1 }), 'payload.conference_id'],
  ['recording_id missing', body('recording_ready', { ...ids, download_link: LINK }), 'payload.recording_id'],
  ['participant_id missing', body('enter_livestream', ids), 'payload.participant_id'],
  ['id negative', body('conference_end', { ...ids, host_id: -1 }), 'payload.host_id'],
  ['id -0', body('conference_end', '{"host_id":-0,"conference_id":1}'), 'payload.host_id'],
  ['id fractional', body('conference_end', { ...ids, conference_id: 1.5 }), 'payload.conference_id'],
  ['id 1.0', body('conference_end', '{"host_id":1.0,"conference_id":1}'), 'payload.host_id'],
  ['id with an exponent', body('conference_end', '{"host_id":1e3,"conference_id":1}'), 'payload.host_id'],
  ['id 2^53', body('conference_end', '{"host_id":9007199254740992,"conference_id":1}'), 'payload.host_id'],
  ['id far above 2^53', body('conference_end', `{"host_id":${'9'.repeat(400)},"conference_id":1}`), 'payload.host_id'],
  ['id a numeric string', body('conference_end', { ...ids, host_id: '61803' }), 'payload.host_id'],
  ['id null', body('conference_end', { ...ids, host_id: null }), 'payload.host_id'],
  ['recording_id negative', body('recording_ready', { ...ids, recording_id: -5, download_link: LINK }), 'payload.recording_id'],
  ['participant_id a string', body('leave_livestream', { ...ids, participant_id: '7' }), 'payload.participant_id'],
  ['id duplicated', body('conference_end', '{"host_id":1,"host_id":2,"conference_id":1}'), 'payload.host_id'],
  ['download_link missing', body('recording_ready', { ...ids, recording_id: 1 }), 'payload.download_link'],
  ['download_link a number', rr(5), 'payload.download_link'],
  ['download_link http:', rr('http://subdomain.domain.tld/recording/1.mp4'), 'payload.download_link'],
  ['download_link javascript:', rr('javascript:alert(document.domain)'), 'payload.download_link'],
  ['download_link data:', rr('data:text/html,<script>alert(1)</script>'), 'payload.download_link'],
  ['download_link relative', rr('/recording/inline/1.mp4'), 'payload.download_link'],
  ['download_link scheme-relative', rr('//subdomain.domain.tld/1.mp4'), 'payload.download_link'],
  ['download_link link-local (cloud metadata)', rr('https://169.254.169.254/latest/meta-data/'), 'payload.download_link'],
  ['download_link loopback', rr('https://127.0.0.1/1.mp4'), 'payload.download_link'],
  ['download_link localhost', rr('https://localhost/1.mp4'), 'payload.download_link'],
  ['download_link private', rr('https://10.1.2.3/1.mp4'), 'payload.download_link'],
  ['download_link shared (100.64/10)', rr('https://100.100.100.200/latest/meta-data/'), 'payload.download_link'],
  ['download_link IPv6-mapped metadata', rr('https://[::ffff:169.254.169.254]/'), 'payload.download_link'],
  ['download_link hex IPv4', rr('https://0xa9fea9fe/'), 'payload.download_link'],
  ['download_link integer IPv4', rr('https://2852039166/'), 'payload.download_link'],
  ['download_link metadata with a trailing dot', rr('https://169.254.169.254./'), 'payload.download_link'],
  ['download_link localhost with a trailing dot', rr('https://localhost./'), 'payload.download_link'],
  ['download_link short IPv4 (127.1)', rr('https://127.1/'), 'payload.download_link'],
  ['download_link octal IPv4', rr('https://0177.0.0.1/'), 'payload.download_link'],
  ['download_link percent-encoded IPv4', rr('https://%31%32%37.0.0.1/'), 'payload.download_link'],
  ['download_link with user info', rr('https://cdn.example.com@169.254.169.254/'), 'payload.download_link'],
  ['download_link with a backslash', rr('https://cdn.example.com\\@169.254.169.254/'), 'payload.download_link'],
  ['download_link with a space', rr('https://cdn.example.com/a b.mp4'), 'payload.download_link'],
  ['__proto__ in the body', `{"__proto__":{},"event":"conference_end","payload":${json(json(ids))}}`, '__proto__'],
  ['__proto__ in the payload', body('conference_end', `{"__proto__":{"admin":true},"host_id":1,"conference_id":2}`), 'payload.__proto__'],
  ['__proto__ escaped in the payload', body('x', '{"\\u005f_proto__":1}'), 'payload.__proto__'],
  ['constructor in the payload', body('conference_end', '{"constructor":{"prototype":{}},"host_id":1,"conference_id":2}'), 'payload.constructor'],
  ['prototype deep in an unknown payload', body('x', '{"a":{"b":[{"prototype":1}]}}'), 'payload.a.b.0.prototype'],
  ['deep nesting in the body', `{"event":"x","payload":"{}","x":${deep(40)}}`, undefined],
  ['deep nesting in the payload', body('x', `{"x":${deep(31)}}`), undefined],
  ['very deep nesting in the payload', body('x', `{"x":${deep(20000)}}`), undefined],
];
