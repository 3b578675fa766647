// The public API: the `VivoMeetings` client and the free URL builders.
// Each export reads its own options beside its own list of allowed keys
// and hands plain values to the wasm, which decides everything else.
import { fail } from './errors.js';
import { checkText, flag, Options, params, text, textOrInteger, texts } from './options.js';
import { LIVESTREAM, MEETING, mount, SIGN_IN } from './embed.js';
import { call } from './load.js';
import * as oauth from './oauth.js';

const ROOM = ['name', 'skipJoin', 'observer', 'mute', 'view', 'stripLayout', 'params'];
const EMBED = ['title', 'width', 'height', 'onLeave', 'onRejected'];
const SIGN_IN_KEYS = ['hostId', 'loginTokenPublicKey', 'redirectUrl', 'redirectTo', 'afterCallUrl', 'afterCallHosts'];

/** The room options, as the wasm's `meeting_url` and `room_path` take them after the room. */
const roomArgs = (o) => [
  text(o, 'name'),
  flag(o, 'skipJoin'),
  flag(o, 'observer'),
  texts(o, 'mute') ?? [],
  text(o, 'view'),
  flag(o, 'stripLayout'),
  params(o, 'params'),
];

const accessCode = (o) => textOrInteger(o, 'accessCode', 'invalid_access_code');

/** A `domain` option: required text, `invalid_domain` otherwise. */
const domain = (o) => text(o, 'domain', 'invalid_domain');

function roomUrl(origin, o) {
  return call('meeting_url', origin, accessCode(o), text(o, 'meetingUrl'), ...roomArgs(o));
}

function livestream(origin, o) {
  return call('livestream_url', origin, accessCode(o));
}

function signInLink(origin, o) {
  const to = o.get('redirectTo');
  let redirectTo;
  if (to !== undefined) {
    const r = new Options(to, 'redirectTo', [...ROOM, 'accessCode']);
    redirectTo = call('room_path', accessCode(r), ...roomArgs(r));
  }
  return call(
    'sign_in_url',
    origin,
    textOrInteger(o, 'hostId', 'invalid_host_id'),
    text(o, 'loginTokenPublicKey', 'invalid_token'),
    text(o, 'redirectUrl'),
    redirectTo,
    text(o, 'afterCallUrl'),
    texts(o, 'afterCallHosts'),
  );
}

/** The platform client. `new VivoMeetings({ domain })` validates the domain at once. */
export class VivoMeetings {
  #origin;
  #freed = false;

  /** Creates a client for the platform at `options.domain`. */
  constructor(options) {
    const o = new Options(options, 'options', ['domain']);
    this.#origin = call('origin', domain(o));
  }

  /** The platform origin, e.g. `https://acme.vivomeetings.com`. */
  get origin() {
    return origin(this);
  }
  /** The meeting-room URL. */
  meetingUrl(options) {
    return roomUrl(origin(this), new Options(options, 'options', [...ROOM, 'accessCode', 'meetingUrl']));
  }
  /** The livestream player URL. */
  livestreamUrl(options) {
    return livestream(origin(this), new Options(options, 'options', ['accessCode']));
  }
  /** The URL of any platform page by path, e.g. `/conf/calls/upcoming`. */
  pageUrl(path) {
    const here = origin(this);
    if (path === undefined) throw fail('invalid_option', 'path', 'is required');
    return call('page_url', here, checkText(path, 'path'));
  }
  /** Mounts a meeting room in `container`. */
  embedMeeting(container, options) {
    const here = origin(this);
    const o = new Options(options, 'options', [...ROOM, 'accessCode', 'meetingUrl', ...EMBED]);
    return mount(MEETING, container, roomUrl(here, o), here, o);
  }
  /** Mounts the livestream player in `container`. */
  embedLivestream(container, options) {
    const here = origin(this);
    const o = new Options(options, 'options', ['accessCode', ...EMBED]);
    return mount(LIVESTREAM, container, livestream(here, o), here, o);
  }
  /**
   * Signs a host in by a form POST to `/auth`, in this tab or a new one
   * (handbook 10.1). The token never appears in a URL.
   */
  signIn(options) {
    const here = origin(this);
    const o = new Options(options, 'options', [...SIGN_IN_KEYS, 'newTab']);
    const link = new URL(signInLink(here, o));
    submitForm(link, flag(o, 'newTab'));
  }
  /**
   * The GET sign-in link of 10.1. It carries the token in the URL, where
   * history, logs and `Referer` headers can keep it: prefer `signIn`.
   */
  signInUrl(options) {
    return signInLink(origin(this), new Options(options, 'options', SIGN_IN_KEYS));
  }
  /** Signs a host in inside an iframe (handbook 10.2); leave events flow once the host lands in a room. */
  embedSignIn(container, options) {
    const here = origin(this);
    const o = new Options(options, 'options', [...SIGN_IN_KEYS, ...EMBED]);
    return mount(SIGN_IN, container, signInLink(here, o), here, o);
  }
  /**
   * The authorize URL of handbook 12 (a Promise): a 256-bit `state` is
   * always sent, and the pending request kept in `sessionStorage` for
   * `handleCallback` (single use, 10 minutes).
   */
  async authorizeUrl(options) {
    return oauth.authorizeUrl(origin(this), options);
  }
  /** Like `authorizeUrl`, then goes there. */
  async authorize(options) {
    location.assign(await oauth.authorizeUrl(origin(this), options));
  }
  /** Authorizes in a popup (call it from a click handler); resolves with the callback's result. */
  async authorizePopup(options) {
    return oauth.authorizePopup(origin(this), options);
  }
  /**
   * Handles the platform's redirect back (`url` defaults to `location.href`):
   * resolves with `{ code, codeVerifier?, appState }` or `{ accessToken,
   * tokenType, expiresAt, scope, appState }`, and cleans the address bar.
   */
  async handleCallback(options) {
    return oauth.handleCallback(origin(this), options);
  }
  /** An Enterprise API client that calls the platform with `Authorization: Bearer <accessToken>`. */
  enterpriseApi(options) {
    const here = origin(this);
    return new oauth.EnterpriseApi(here, new Options(options, 'options', ['accessToken', 'onUnauthorized']));
  }
  /** Marks the client as no longer used: its methods then throw `destroyed`. Embeds it made stay live. Idempotent. */
  free() {
    brand(this).#freed = true;
  }

  static {
    brand = (client) => {
      if (client === null || typeof client !== 'object' || !(#origin in client)) {
        throw fail('destroyed', '', 'not a VivoMeetings client (a method called on a wrong `this`?)');
      }
      return client;
    };
    origin = (client) => {
      if (brand(client).#freed) throw fail('destroyed', '', 'this VivoMeetings client was freed');
      return client.#origin;
    };
  }
}

if (Symbol.dispose) VivoMeetings.prototype[Symbol.dispose] = VivoMeetings.prototype.free;

/** `client` itself, if it is a real client; else `destroyed` (a wrong `this`). */
let brand;
/** The client's origin; `destroyed` after `free()` or on a wrong `this`. */
let origin;


/**
 * Posts the sign-in (its action and fields, taken from the checked GET
 * link) with a hidden form built by DOM calls, then removes the form.
 */
function submitForm(link, newTab) {
  if (typeof document === 'undefined' || !document.body) throw fail('dom_error', '', 'no document body to submit the sign-in form from');
  const form = document.createElement('form');
  form.method = 'post';
  form.action = link.origin + link.pathname;
  form.acceptCharset = 'UTF-8';
  form.enctype = 'application/x-www-form-urlencoded';
  form.target = newTab ? '_blank' : '_self';
  if (newTab) form.rel = 'noopener';
  form.hidden = true;
  for (const [name, value] of link.searchParams) {
    const input = document.createElement('input');
    input.type = 'hidden';
    input.name = name;
    input.value = value;
    form.append(input);
  }
  document.body.append(form);
  try {
    form.submit();
  } finally {
    form.remove();
  }
}

/** Builds a meeting-room URL without an instance: `meetingUrl({ domain, accessCode, … })`. */
export function meetingUrl(options) {
  const o = new Options(options, 'options', [...ROOM, 'accessCode', 'meetingUrl', 'domain']);
  return roomUrl(domain(o), o);
}
/** Builds a livestream URL without an instance: `livestreamUrl({ domain, accessCode })`. */
export function livestreamUrl(options) {
  const o = new Options(options, 'options', ['domain', 'accessCode']);
  return livestream(domain(o), o);
}
/** Builds a page URL without an instance: `pageUrl({ domain, path })`. */
export function pageUrl(options) {
  const o = new Options(options, 'options', ['domain', 'path']);
  const d = domain(o);
  return call('page_url', d, text(o, 'path'));
}
/** Builds the GET sign-in link without an instance: `signInUrl({ domain, hostId, … })`. */
export function signInUrl(options) {
  const o = new Options(options, 'options', [...SIGN_IN_KEYS, 'domain']);
  return signInLink(domain(o), o);
}
