// The few pieces of the JS API that are plain JS by nature: the error class
// (it must extend Error), the callback list (partner callbacks are JS
// functions; keeping them here means no Rust closure per subscription), and
// the hook that makes free() / Symbol.dispose destroy an embed.

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
export function callSafely(fn, arg) {
  try {
    fn(arg);
  } catch (error) {
    report(error);
  }
}

/** Partner callbacks of one embed, per event name, and its `left` Promise. */
export class Emitter {
  constructor() {
    this.list = [];
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
}

/**
 * Makes an explicit drop of an embed handle tear the embed down:
 * `free()` and `[Symbol.dispose]()` (so `using`) call `destroy()` first, and
 * `destroy()` after `free()` does nothing. Garbage collection of a handle
 * does not: an embed stays until it is destroyed, like the iframe it made.
 */
export function disposeDestroys(Embed) {
  const { free, destroy } = Embed.prototype;
  Embed.prototype.destroy = function () {
    if (this.__wbg_ptr) destroy.call(this);
  };
  Embed.prototype.free = function () {
    if (!this.__wbg_ptr) return;
    destroy.call(this);
    free.call(this);
  };
  if (Symbol.dispose) Embed.prototype[Symbol.dispose] = Embed.prototype.free;
}
