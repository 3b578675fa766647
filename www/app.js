// The demo partner app: everything here goes through the public API of the
// vivomeetings-embed package (served from /pkg/). No inline scripts or styles,
// so the page also runs under a strict Content-Security-Policy.
import init, { VivoMeetings, VivoMeetingsError } from '/pkg/index.js';
import { connectCard, showError as showErrorIn } from '/oauth/connect.js';

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- helpers

/** Form mistakes the demo itself catches (the library never sees them). */
class FormError extends Error {
  constructor(message, inputId) {
    super(message);
    this.inputId = inputId;
  }
}

/** Which input an error's `field` points at. */
const FIELD_INPUTS = {
  accessCode: 'access-code',
  name: 'name',
  skipJoin: 'skip-join',
  observer: 'observer',
  mute: 'mute-camera',
  view: 'view',
  stripLayout: 'strip-layout',
  params: 'params',
  hostId: 'sso-host-id',
  loginTokenPublicKey: 'sso-token',
  redirectUrl: 'sso-redirect',
  redirectTo: 'sso-room-code',
  afterCallUrl: 'sso-after-call',
};

function inputFor(error) {
  if (error instanceof FormError) return error.inputId;
  if (!(error instanceof VivoMeetingsError) || !error.field) return null;
  const root = error.field.split('.')[0];
  return FIELD_INPUTS[error.field] ?? FIELD_INPUTS[root] ?? null;
}

/** Shows an error (with its code, for library errors) under a form and marks the input. */
function showError(box, error, inputs, inputId = error ? inputFor(error) : null) {
  for (const id of inputs) $(id).removeAttribute('aria-invalid');
  showErrorIn(box, error);
  if (inputId) $(inputId).setAttribute('aria-invalid', 'true');
}

function setPill(el, text, tone) {
  el.textContent = text;
  el.className = `pill${tone ? ` pill-${tone}` : ''}`;
}

// -------------------------------------------------------------- event log

const log = $('log');

function addLog(source, kind, text, extra = {}) {
  const li = document.createElement('li');
  li.dataset.source = source;
  li.dataset.kind = kind;
  for (const [key, value] of Object.entries(extra)) li.dataset[key] = value;
  const time = document.createElement('time');
  time.textContent = new Date().toLocaleTimeString([], { hour12: false });
  const src = document.createElement('span');
  src.className = 'src';
  src.textContent = source;
  const badge = document.createElement('span');
  badge.className = `kind kind-${kind}`;
  badge.textContent = kind;
  const body = document.createElement('span');
  body.className = 'text';
  body.textContent = text;
  li.append(time, src, badge, body);
  log.prepend(li);
  $('log-empty').hidden = true;
}

$('clear-log').addEventListener('click', () => {
  log.replaceChildren();
  $('log-empty').hidden = false;
});

// ---------------------------------------------------------- the library

const platform = window.VIVO_PLATFORM;
$('platform-origin').textContent = platform ?? '(not configured)';

let vivo;
try {
  if (typeof platform !== 'string') throw new Error('window.VIVO_PLATFORM is not set: /config.js did not load');
  await init();
  vivo = new VivoMeetings({ domain: platform });
  setPill($('lib-status'), 'ready', 'ok');
} catch (error) {
  setPill($('lib-status'), 'failed', 'bad');
  addLog('app', 'error', `The library did not start: ${error.code ? `${error.code}: ` : ''}${error.message}`);
  throw error;
}

// ------------------------------------------------------ meeting options

function readParams() {
  const params = {};
  $('params').value.split('\n').forEach((line, i) => {
    const text = line.trim();
    if (!text) return;
    const eq = text.indexOf('=');
    if (eq <= 0) {
      throw new FormError(`Pass-through parameters, line ${i + 1}: expected key=value (got '${text}')`, 'params');
    }
    params[text.slice(0, eq).trim()] = text.slice(eq + 1).trim();
  });
  return params;
}

/** The meeting-room options as the form sets them (unset ones left out). */
function roomOptions() {
  const options = { accessCode: $('access-code').value.trim() };
  const name = $('name').value.trim();
  if (name) options.name = name;
  if ($('skip-join').checked) options.skipJoin = true;
  if ($('observer').checked) options.observer = true;
  const mute = [];
  if ($('mute-camera').checked) mute.push('camera');
  if ($('mute-mic').checked) mute.push('mic');
  if (mute.length) options.mute = mute;
  if ($('view').value) options.view = $('view').value;
  if ($('strip-layout').checked) options.stripLayout = true;
  const params = readParams();
  if (Object.keys(params).length) options.params = params;
  return options;
}

const ROOM_INPUTS = ['access-code', 'name', 'skip-join', 'observer', 'mute-camera', 'mute-mic', 'view', 'strip-layout', 'params', 'livestream-code'];

/** Recomputes both URLs; returns the meeting options, or null if invalid. */
function refreshUrls() {
  let options = null;
  let error = null;
  let errorInput = null;
  try {
    options = roomOptions();
    $('meeting-url').textContent = vivo.meetingUrl(options);
  } catch (e) {
    options = null;
    error = e;
    errorInput = inputFor(e);
    $('meeting-url').textContent = '—';
  }
  let streamOk = true;
  try {
    $('livestream-url').textContent = vivo.livestreamUrl({ accessCode: $('livestream-code').value.trim() });
  } catch (e) {
    streamOk = false;
    if (!error) {
      error = e;
      errorInput = 'livestream-code';
    }
    $('livestream-url').textContent = '—';
  }
  showError($('url-error'), error, ROOM_INPUTS, errorInput);
  $('meeting-url').classList.toggle('invalid', !options);
  $('livestream-url').classList.toggle('invalid', !streamOk);
  return options;
}

for (const id of ROOM_INPUTS) {
  $(id).addEventListener('input', refreshUrls);
  $(id).addEventListener('change', refreshUrls);
}
refreshUrls();

// ----------------------------------------------------------------- embeds

const slots = {
  meeting: { slot: $('meeting-slot'), state: $('meeting-state'), title: $('meeting-panel-title'), embed: null },
  livestream: { slot: $('livestream-slot'), state: $('livestream-state'), title: $('livestream-panel-title'), embed: null },
};
// The "press a button" hint shown in an empty slot.
const placeholders = {
  meeting: $('meeting-slot').firstElementChild,
  livestream: $('livestream-slot').firstElementChild,
};

function clearSlot(which, stateText = 'empty') {
  const s = slots[which];
  if (s.embed) {
    s.embed.destroy();
    s.embed = null;
  }
  s.slot.replaceChildren(placeholders[which]);
  s.slot.classList.remove('filled');
  setPill(s.state, stateText, stateText === 'destroyed' ? 'muted' : '');
}

/** Wires the log and the panel state to an embed's events. */
function watch(which, source, embed) {
  const s = slots[which];
  embed.on('message', (e) => {
    addLog(source, 'message', `${e.type} ${JSON.stringify(e.data)}`, { type: e.type });
  });
  embed.left.then((e) => {
    if (s.embed === embed) setPill(s.state, `left · ${e.reason}`, 'warn');
  });
}

function callbacks(source) {
  return {
    onLeave: (e) => addLog(source, 'leave', `reason "${e.reason}"`, { reason: e.reason }),
    onRejected: (info) =>
      addLog(source, 'rejected', `dropped a message: ${info.reason} check failed (from ${info.origin})`, {
        reason: info.reason,
        origin: info.origin,
      }),
  };
}

function mount(which, source, title, create) {
  clearSlot(which);
  const s = slots[which];
  s.slot.replaceChildren();
  try {
    s.embed = create(s.slot);
  } catch (error) {
    clearSlot(which);
    throw error;
  }
  s.slot.classList.add('filled');
  s.title.textContent = title;
  setPill(s.state, 'live', 'ok');
  watch(which, source, s.embed);
  addLog(source, 'info', `embedded ${s.embed.url}`);
}

$('room-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const options = refreshUrls();
  if (!options) return;
  try {
    mount('meeting', 'meeting', `Meeting room · ${options.accessCode}`, (el) =>
      vivo.embedMeeting(el, { ...options, title: `Meeting room ${options.accessCode}`, ...callbacks('meeting') }),
    );
  } catch (error) {
    showError($('url-error'), error, ROOM_INPUTS);
  }
});

$('embed-livestream').addEventListener('click', () => {
  const accessCode = $('livestream-code').value.trim();
  try {
    mount('livestream', 'livestream', `Livestream · ${accessCode}`, (el) =>
      vivo.embedLivestream(el, { accessCode, title: `Livestream of room ${accessCode}`, onRejected: callbacks('livestream').onRejected }),
    );
  } catch (error) {
    showError($('url-error'), error, ROOM_INPUTS, 'livestream-code');
  }
});

$('destroy').addEventListener('click', () => {
  const any = slots.meeting.embed || slots.livestream.embed;
  clearSlot('meeting', slots.meeting.embed ? 'destroyed' : 'empty');
  clearSlot('livestream', slots.livestream.embed ? 'destroyed' : 'empty');
  slots.meeting.title.textContent = 'Meeting room';
  slots.livestream.title.textContent = 'Livestream';
  addLog('app', 'info', any ? 'destroyed the embeds (iframes and listeners removed)' : 'nothing to destroy');
});

$('forge').addEventListener('click', () => {
  // A message from this page itself, not from the platform's iframe: the
  // embeds drop it (origin check) and report it to onRejected.
  window.postMessage({ type: 'vivomeetingsLeaveCallEvent', reason: 'left' }, '*');
  const listening = slots.meeting.embed || slots.livestream.embed;
  addLog('app', 'info', `posted a forged leave message from this page${listening ? '' : ' (no embed is listening)'}`);
});

// -------------------------------------------------------------------- SSO

const SSO_INPUTS = ['sso-host-id', 'sso-token', 'sso-redirect', 'sso-room-code', 'sso-after-call'];

function ssoOptions() {
  const options = {
    hostId: $('sso-host-id').value.trim(),
    loginTokenPublicKey: $('sso-token').value.trim(),
  };
  if ($('sso-redirect').value === 'room') {
    options.redirectTo = { accessCode: $('sso-room-code').value.trim(), skipJoin: true };
  } else {
    options.redirectUrl = '/conf/calls/upcoming';
  }
  const after = $('sso-after-call').value.trim();
  if (after) options.afterCallUrl = after;
  return options;
}

function syncRoomCode() {
  $('sso-room-code').disabled = $('sso-redirect').value !== 'room';
}
$('sso-redirect').addEventListener('change', syncRoomCode);
syncRoomCode();

for (const id of SSO_INPUTS) {
  $(id).addEventListener('input', () => {
    $('sso-link-box').hidden = true;
    showError($('sso-error'), null, SSO_INPUTS);
  });
}

/** Runs an SSO action, showing a library error under the form. */
function sso(action) {
  return () => {
    try {
      showError($('sso-error'), null, SSO_INPUTS);
      action(ssoOptions());
    } catch (error) {
      showError($('sso-error'), error, SSO_INPUTS);
    }
  };
}

$('sso-form').addEventListener('submit', (event) => event.preventDefault());

$('sso-post').addEventListener(
  'click',
  sso((options) => {
    addLog('sso', 'info', `signing host ${options.hostId} in with a form POST in this tab`);
    vivo.signIn(options);
  }),
);

$('sso-post-new-tab').addEventListener(
  'click',
  sso((options) => {
    vivo.signIn({ ...options, newTab: true });
    addLog('sso', 'info', `signed host ${options.hostId} in with a form POST in a new tab`);
  }),
);

$('sso-get-link').addEventListener(
  'click',
  sso((options) => {
    const url = vivo.signInUrl(options);
    const link = $('sso-link');
    link.href = url;
    link.textContent = url;
    $('sso-link-box').hidden = false;
    addLog('sso', 'info', 'built a GET sign-in link (the token is in its URL)');
  }),
);

$('sso-iframe').addEventListener(
  'click',
  sso((options) => {
    mount('meeting', 'sign-in', `Host sign-in · host ${options.hostId}`, (el) =>
      vivo.embedSignIn(el, { ...options, title: `VivoMeetings sign-in for host ${options.hostId}`, ...callbacks('sign-in') }),
    );
  }),
);

// ------------------------------------------------- connect an account (OAuth)

connectCard({
  vivo,
  log: (kind, text) => addLog('oauth', kind, text),
  onJoin(conference, account) {
    const subject = conference.subject || `conference ${conference.conference_id}`;
    mount('meeting', 'meeting', `Meeting room · ${subject}`, (el) =>
      vivo.embedMeeting(el, {
        meetingUrl: conference.meeting_url,
        name: account?.name,
        skipJoin: true,
        title: `Meeting room: ${subject}`,
        ...callbacks('meeting'),
      }),
    );
  },
});

// --------------------------------------------------------------- webhooks
// `make demo` runs docs/examples/webhook-receiver.mjs, registered with the
// stand-in as the partner's endpoint: load a room, hang up, or send any of
// the ten events from the stand-in's control page, and each delivery shows
// here with the receiver's answer (200: handleWebhook accepted the event).

let delivered; // deliveries before this page loaded are not shown
async function pollWebhooks() {
  try {
    const response = await fetch(`${platform}/__standin/webhooks/log`, { cache: 'no-store' });
    const log = await response.json();
    for (const entry of log.slice(delivered ?? log.length)) {
      const answer = entry.status === null ? `not delivered (${entry.error})` : `receiver answered ${entry.status}`;
      addLog('webhook', entry.event, `${answer}: ${entry.payload}`);
    }
    delivered = log.length;
  } catch {
    // The stand-in is restarting: try again on the next tick.
  }
}
if (typeof platform === 'string') setInterval(pollWebhooks, 1500);
