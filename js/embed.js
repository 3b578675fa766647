// Embeds: the iframe, its `message` listener and the partner's callbacks.
// The wasm decides what the iframe is (URL, allow list, title) and what
// each message is (check_message); this file does the DOM and the plumbing.
import { fail, report, unpack, VivoMeetingsError, wrong } from './errors.js';
import { callback, text } from './options.js';
import { call } from './load.js';

/** The frame kinds as the wasm numbers them. */
export const MEETING = 0;
export const LIVESTREAM = 1;
export const SIGN_IN = 2;

/** What `check_message` answers, from 2 on: why a message was dropped. */
const REJECTED = ['origin', 'source', 'shape'];
const EVENTS = ['leave', 'message', 'load'];

/** Only the library makes embeds. */
const TOKEN = Symbol('vivomeetings-embed');

/** The live embed of each container, so that a second embed replaces the first. */
const live = new WeakMap();

/**
 * `Node.prototype`'s own getter or method `name` called on `node`: brand
 * checked, so a Proxy, a fake element or an element's own throwing
 * override cannot answer for it.
 */
function nodeCall(name, node, ...args) {
  const d = Object.getOwnPropertyDescriptor(Node.prototype, name);
  return Reflect.apply(d.get ?? d.value, node, args);
}

/** The container element: an Element of this page's document (connected or not), or a CSS selector. */
export function resolveContainer(container) {
  if (typeof document === 'undefined') throw fail('dom_error', '', 'no document (not a web page)');
  if (typeof container === 'string') {
    if (container.length > 8192) throw fail('invalid_option', 'container', 'must be at most 8192 characters');
    let el;
    try {
      el = document.querySelector(container);
    } catch {
      throw wrong('container', 'a valid CSS selector', container);
    }
    if (!el) throw fail('container_not_found', 'container', `matches no element (got '${container.slice(0, 64)}')`);
    return el;
  }
  let doc;
  let type;
  try {
    doc = nodeCall('ownerDocument', container);
    type = nodeCall('nodeType', container);
  } catch {
    throw wrong('container', 'an Element or a CSS selector string', container);
  }
  if (type !== 1) throw wrong('container', 'an Element or a CSS selector string', container);
  if (doc !== document) {
    throw fail('invalid_option', 'container', "is an element of another document (an iframe's or one made by DOMParser): use an element of this page's document");
  }
  return container;
}

/** The iframe's size: a CSS length per `CSS.supports`, no `;`. */
function length(o, key) {
  const v = text(o, key);
  if (v !== undefined && (v.includes(';') || !CSS.supports(key, v))) {
    throw fail('invalid_option', key, `must be a CSS length, e.g. '480px' (got '${v.slice(0, 64)}')`);
  }
  return v ?? '100%';
}

/** The JSON text of a message's data is at most this long (the wasm refuses more). */
const JSON_MAX = 64 * 1024;

/**
 * Posted data as JSON text for the wasm's check, written by hand (not
 * `JSON.stringify`, which a page's `Object.prototype.toJSON` could hijack):
 * only null, booleans, numbers, strings, arrays without holes or named keys,
 * and plain objects (prototype `Object.prototype` or null) are written.
 * Anything else, nesting past the wasm's limit or text past `JSON_MAX`
 * gives `undefined`: the wasm rejects that as `shape`.
 */
function toJson(data) {
  let size = 0;
  const write = (v, depth) => {
    let out;
    // `size` counts what this value adds itself (its children count their own).
    let own;
    if (v === null || v === undefined) out = 'null';
    else if (typeof v === 'boolean') out = v ? 'true' : 'false';
    else if (typeof v === 'number') out = Number.isFinite(v) ? String(v) : 'null';
    else if (typeof v === 'string') out = quote(v);
    else if (typeof v !== 'object' || depth > 33) throw TypeError();
    else if (Array.isArray(v)) {
      if (Object.keys(v).length !== v.length) throw TypeError();
      own = v.length + 2;
      out = `[${v.map((item) => write(item, depth + 1)).join(',')}]`;
    } else {
      const proto = Object.getPrototypeOf(v);
      if (proto !== null && Object.getPrototypeOf(proto) !== null) throw TypeError();
      const keys = Object.keys(v).map(quote);
      own = keys.reduce((n, k) => n + k.length + 2, 2);
      out = `{${Object.keys(v).map((k, i) => `${keys[i]}:${write(v[k], depth + 1)}`).join(',')}}`;
    }
    size += own ?? out.length;
    if (size > JSON_MAX) throw TypeError();
    return out;
  };
  try {
    const text = write(data, 0);
    return text.length > JSON_MAX ? undefined : text;
  } catch {
    return undefined;
  }
}

/** A JSON string literal (JSON.stringify of a primitive string consults no `toJSON`). */
const quote = (s) => JSON.stringify(s);

/**
 * Partner callbacks of one embed, with `EventTarget`'s semantics: a
 * callback added during a dispatch runs from the next event on; one removed
 * during a dispatch and not yet called is not called.
 */
class Emitter {
  constructor() {
    this.list = [];
    this.left = new Promise((resolve) => {
      this.resolveLeft = resolve;
    });
  }
  add(type, fn, once) {
    if (!this.list.some((l) => l.type === type && l.fn === fn)) this.list.push({ type, fn, once, removed: false });
  }
  remove(type, fn) {
    this.list = this.list.filter((l) => {
      const match = l.type === type && l.fn === fn;
      if (match) l.removed = true;
      return !match;
    });
  }
  /** Calls the callbacks registered now for each of `events` (`[type, event]`), in order. */
  dispatch(events) {
    const snapshot = this.list.slice();
    for (const [type, event] of events) {
      for (const l of snapshot) {
        if (l.type !== type || l.removed) continue;
        if (l.once) this.remove(type, l.fn);
        try {
          l.fn(event);
        } catch (error) {
          report(error);
        }
      }
    }
  }
}

/**
 * An embedded iframe: a meeting room, a livestream player or a sign-in.
 * Made by the library (`embedMeeting`, …): the iframe is mounted and its
 * message listener runs until `destroy()`, `free()` or `[Symbol.dispose]()`.
 * Dropping the handle does not stop the embed, like the iframe it made.
 */
export class Embed {
  #iframe;
  #url;
  #emitter = new Emitter();
  #listener;
  #container;
  #destroyed = false;

  constructor(token, container, iframe, url, origin, options) {
    if (token !== TOKEN) throw fail('invalid_option', '', 'embeds are made by VivoMeetings#embedMeeting, embedLivestream and embedSignIn');
    this.#iframe = iframe;
    this.#url = url;
    this.#container = container;
    const { onLeave, onRejected } = options;
    if (onLeave) this.#emitter.add('leave', onLeave, false);
    const rejected = (reason, from) => {
      if (!onRejected) return;
      try {
        onRejected({ reason, origin: from });
      } catch (error) {
        report(error);
      }
    };
    this.#listener = (event) => this.#receive(event, origin, rejected);
    iframe.addEventListener('load', this.#loaded);
    window.addEventListener('message', this.#listener);
    live.get(container)?.destroy();
    live.set(container, this);
  }

  #loaded = () => {
    if (!this.#destroyed) this.#emitter.dispatch([['load', { type: 'load' }]]);
  };

  /** One `message` event on the window: checked by the wasm, then delivered or reported. */
  #receive(event, expected, rejected) {
    let origin = '';
    let fromFrame = false;
    let data;
    let json;
    // isTrusted is an own, unforgeable property of every event.
    const trusted = event.isTrusted === true;
    try {
      const o = event.origin;
      if (typeof o === 'string') origin = o;
      // Compared with the iframe's window when each message arrives, so an
      // embed mounted in a detached container works once it is attached.
      const frame = this.#iframe.contentWindow;
      fromFrame = trusted && frame !== null && event.source === frame;
      if (fromFrame && origin === expected) {
        data = event.data;
        json = toJson(data);
      }
    } catch {
      // A script-made event whose getters throw: checked with what was read.
    }
    // An origin is short: a script-made event's huge one is cut before it is
    // copied into wasm memory (cut, it still differs from the expected one).
    const verdict = Number(call('check_message', expected, origin.slice(0, 1024), trusted, fromFrame, json));
    if (verdict > 1) return rejected(REJECTED[verdict - 2], origin);
    const message = { type: data.type, data };
    if (verdict === 0) return this.#emitter.dispatch([['message', message]]);
    const leave = { type: 'leave', reason: data.reason };
    this.#emitter.resolveLeft(leave);
    // message callbacks first, then leave ones: a leave callback that calls
    // destroy() (the usual thing to do) hides nothing from the others.
    this.#emitter.dispatch([
      ['message', message],
      ['leave', leave],
    ]);
  }

  /** The iframe element (still readable after `destroy()`, detached). */
  get iframe() {
    return own(this).#iframe;
  }
  /** The iframe's URL. */
  get url() {
    return own(this).#url;
  }
  /** Resolves with the first `leave` event. Never settles for a livestream. */
  get left() {
    return own(this).#emitter.left;
  }
  /** Calls `callback` for each `'leave'`, `'message'` or `'load'` event; returns the unsubscribe function. */
  on(event, callback) {
    return own(this).#subscribe(event, callback, false);
  }
  /** Like `on`, for the next event only. */
  once(event, callback) {
    return own(this).#subscribe(event, callback, true);
  }
  /** Unsubscribes `callback`. Does nothing after `destroy()`. */
  off(event, callback) {
    checkSubscription(event, callback);
    own(this).#emitter.remove(event, callback);
  }
  #subscribe(event, fn, once) {
    checkSubscription(event, fn);
    if (this.#destroyed) throw fail('destroyed', '', 'this embed was destroyed');
    this.#emitter.add(event, fn, once);
    return () => this.#emitter.remove(event, fn);
  }
  /** Removes the iframe and the message listener, and drops every callback. Idempotent; safe inside a callback. */
  destroy() {
    const self = own(this);
    if (self.#destroyed) return;
    self.#destroyed = true;
    window.removeEventListener('message', self.#listener);
    self.#iframe.removeEventListener('load', self.#loaded);
    // Not marked removed: the callbacks of the event being dispatched still run.
    self.#emitter.list = [];
    self.#iframe.remove();
    if (live.get(self.#container) === self) live.delete(self.#container);
  }

  static {
    own = (embed) => {
      if (embed === null || typeof embed !== 'object' || !(#iframe in embed)) {
        throw fail('destroyed', '', 'not an Embed (a method called on a wrong `this`?)');
      }
      return embed;
    };
  }
}

// `free()` is `destroy()`, and so is `[Symbol.dispose]()`: `using meeting =
// vivo.embedMeeting(…)` destroys it at the end of the block.
Embed.prototype.free = Embed.prototype.destroy;
if (Symbol.dispose) Embed.prototype[Symbol.dispose] = Embed.prototype.destroy;

/** `embed` itself, if it is a real `Embed`; else `destroyed` (a wrong `this`). */
let own;
function checkSubscription(event, fn) {
  if (!EVENTS.includes(event)) throw fail('invalid_option', 'event', "must be 'leave', 'message' or 'load'");
  if (typeof fn !== 'function') throw wrong('callback', 'a function', fn);
}

/**
 * Mounts an iframe of `kind` at `url` in `container` and starts its
 * listener. `o` holds the embed options (`title`, `width`, `height`,
 * `onLeave`, `onRejected`), already read.
 */
export function mount(kind, container, url, origin, o) {
  const el = resolveContainer(container);
  const [title, allow, referrerPolicy] = unpack(call('frame', kind, text(o, 'title')));
  const width = length(o, 'width');
  const height = length(o, 'height');
  const options = { onLeave: callback(o, 'onLeave'), onRejected: callback(o, 'onRejected') };
  const iframe = document.createElement('iframe');
  iframe.setAttribute('title', title);
  iframe.setAttribute('allow', allow);
  iframe.setAttribute('allowfullscreen', '');
  if (referrerPolicy) iframe.setAttribute('referrerpolicy', referrerPolicy);
  for (const [name, value] of [
    ['border', '0'],
    ['display', 'block'],
    ['width', width],
    ['height', height],
  ]) {
    iframe.style.setProperty(name, value);
  }
  iframe.src = url;
  try {
    nodeCall('appendChild', el, iframe);
  } catch (e) {
    throw fail('dom_error', '', `appending the iframe to the container failed (${e && e.name})`);
  }
  return new Embed(TOKEN, el, iframe, url, origin, options);
}

export { VivoMeetingsError };
