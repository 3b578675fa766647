// The few pieces of the JS API that are plain JS by nature: the error class
// (it must extend Error), and the embed handle with its callback list
// (partner callbacks are JS functions; keeping them here means no Rust
// closure per subscription). The Rust side mounts the iframe, checks every
// message and hands the handle a `release` function that removes the
// message listener. Also `pageWindow`, the browser layer's way to `window`.

/** The error every function of the library throws. */
export class VivoMeetingsError extends Error {
  constructor(code, message, field) {
    super(message);
    this.name = 'VivoMeetingsError';
    this.code = code;
    if (field !== undefined) this.field = field;
  }
}

function report(error) {
  if (typeof reportError === 'function') reportError(error);
  else console.error(error);
}

/** Calls a partner callback; an exception is reported, never rethrown. */
function callSafely(fn, arg) {
  try {
    fn(arg);
  } catch (error) {
    report(error);
  }
}

/** Tells `onRejected` about a dropped message. */
export function reportRejected(fn, reason, origin) {
  callSafely(fn, { reason, origin });
}

/** Partner callbacks of one embed, per event name, and its `left` Promise. */
export class Emitter {
  constructor(onLeave) {
    this.list = onLeave ? [{ type: 'leave', fn: onLeave, once: false }] : [];
    // Resolves with the first 'leave' event.
    this.left = new Promise((resolve) => {
      this.resolveLeft = resolve;
    });
  }
  on(type, fn, once) {
    if (!this.list.some((l) => l.type === type && l.fn === fn)) this.list.push({ type, fn, once });
    return () => this.off(type, fn);
  }
  off(type, fn) {
    this.list = this.list.filter((l) => l.type !== type || l.fn !== fn);
  }
  emit(type, event) {
    for (const l of this.list) {
      if (l.type !== type || !this.list.includes(l)) continue;
      if (l.once) this.off(type, l.fn);
      callSafely(l.fn, event);
    }
  }
  clear() {
    this.list = [];
  }
  /**
   * A message that passed the origin, source and shape checks: `message`
   * callbacks get `{ type, data }`. A leave (`reason` given) resolves `left`
   * first, then `message` callbacks run, then `leave` ones: a leave callback
   * that calls destroy() (the usual thing to do) must not hide the message.
   */
  deliver(type, data, reason) {
    const message = { type, data };
    if (reason === undefined) return this.emit('message', message);
    const leave = { type: 'leave', reason };
    this.resolveLeft(leave);
    this.emit('message', message);
    this.emit('leave', leave);
  }
}

function check(event, callback) {
  if (event !== 'leave' && event !== 'message') {
    throw new VivoMeetingsError('invalid_option', "event: must be 'leave' or 'message'", 'event');
  }
  if (typeof callback !== 'function') {
    throw new VivoMeetingsError('invalid_option', 'callback: must be a function', 'callback');
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
  #emitter;
  #release;
  constructor(iframe, url, emitter, release) {
    this.#iframe = iframe;
    this.#url = url;
    this.#emitter = emitter;
    this.#release = release;
  }
  /** The iframe element (still readable after `destroy()`, detached). */
  get iframe() {
    return this.#iframe;
  }
  /** The iframe's URL. */
  get url() {
    return this.#url;
  }
  /** Resolves with the first `leave` event. Never settles for a livestream. */
  get left() {
    return this.#emitter.left;
  }
  /** Calls `callback` for each `'leave'` or `'message'` event; returns the unsubscribe function. */
  on(event, callback) {
    check(event, callback);
    return this.#emitter.on(event, callback, false);
  }
  /** Like `on`, for the next event only. */
  once(event, callback) {
    check(event, callback);
    return this.#emitter.on(event, callback, true);
  }
  /** Unsubscribes `callback`. */
  off(event, callback) {
    check(event, callback);
    this.#emitter.off(event, callback);
  }
  /** Removes the iframe and the message listener, and drops every callback. Idempotent; safe inside a callback. */
  destroy() {
    this.#release();
    this.#emitter.clear();
    this.#iframe.remove();
  }
  /** Same as `destroy()`. */
  free() {
    this.destroy();
  }
}
if (Symbol.dispose) Embed.prototype[Symbol.dispose] = Embed.prototype.free;

/** The page's `window`, or `undefined` off a page (a worker, Node). */
export function pageWindow() {
  return typeof window === 'undefined' ? undefined : window;
}
