// Everything the entries export; each entry adds how the wasm is loaded.
export { VivoMeetingsError } from './errors.js';
export { Embed } from './embed.js';
export { EnterpriseApi } from './oauth.js';
export { VivoMeetings, meetingUrl, livestreamUrl, pageUrl, signInUrl } from './vivo.js';
export { default, initSync, ready } from './load.js';
