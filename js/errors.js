// The library's one error class, and the two ways errors are made: in JS
// (options of the wrong type, a destroyed handle, the wasm not loaded yet)
// and from the wasm exports, which throw `code \n field \n message`.

/**
 * Marks the library's errors. Each entry (index.js, node.js, server.js) is a
 * bundle with its own copy of the class below, so `instanceof` asks for the
 * mark, which every copy shares, and not for one copy's prototype.
 */
const MARK = Symbol.for('vivomeetings-embed.VivoMeetingsError');

/** The error every function of the library throws. */
export class VivoMeetingsError extends Error {
  constructor(code, message, field) {
    super(message);
    this.name = 'VivoMeetingsError';
    this.code = code;
    if (field) this.field = field;
  }

  get [MARK]() {
    return true;
  }

  // instanceof takes the answer as a boolean. It never throws: a revoked
  // Proxy (which a partner's getter may throw) is not one.
  static [Symbol.hasInstance](value) {
    try {
      return value?.[MARK];
    } catch {}
  }
}

/** A `VivoMeetingsError` about `field`: "<field>: <detail>". */
export function fail(code, field, detail) {
  return new VivoMeetingsError(code, field ? `${field}: ${detail}` : detail, field);
}

/** `invalid_option` for a value of the wrong type: "<field>: must be <expected> (got …)". */
export function wrong(field, expected, got) {
  return fail('invalid_option', field, `must be ${expected} (got ${describe(got)})`);
}

/** A short description of a value for error messages (a string is quoted, cut to 64 characters). */
export function describe(v) {
  if (typeof v === 'string') return `'${v.length > 64 ? `${v.slice(0, 64)}…` : v}'`.replace(/[\0-\x1f\x7f]/g, '?');
  if (v === null) return 'null';
  try {
    if (Array.isArray(v)) return 'an array';
  } catch {
    return 'a revoked Proxy';
  }
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object') return 'an object';
  return 'another type';
}

/**
 * Packs an export's arguments into the one string the wasm exports take
 * (the format is documented and tested in src/core/wire.rs): `-` absent or
 * false, `+` true, `<length>:<text>` a string or number, `[<n>]` a list of n strings.
 */
export function pack(args) {
  let out = '';
  for (const a of args) {
    if (a === undefined || a === null || a === false) out += '-';
    else if (a === true) out += '+';
    else if (Array.isArray(a)) out += `[${a.length}]${a.map((s) => `${s.length}:${s}`).join('')}`;
    else out += `${String(a).length}:${a}`;
  }
  return out;
}

/** The strings of a packed result. */
export function unpack(packed) {
  const out = [];
  for (let i = 0; i < packed.length; ) {
    const colon = packed.indexOf(':', i);
    const end = colon + 1 + Number(packed.slice(i, colon));
    out.push(packed.slice(colon + 1, end));
    i = end;
  }
  return out;
}

/** An export's result string; one starting with NUL is an error: `\0code\nfield\nmessage`. */
export function result(out) {
  if (out.charCodeAt(0) !== 0) return out;
  const [code, field, message] = out.slice(1).split('\n');
  throw new VivoMeetingsError(code, message, field);
}

/** Reports a partner callback's exception without throwing it. */
export function report(error) {
  if (typeof reportError === 'function') reportError(error);
  else console.error(error);
}
