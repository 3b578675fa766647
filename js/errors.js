// The library's one error class, and the two ways errors are made: in JS
// (options of the wrong type, a destroyed handle, the wasm not loaded yet)
// and from the wasm exports, which throw `code \n field \n message`.

/** The error every function of the library throws. */
export class VivoMeetingsError extends Error {
  constructor(code, message, field) {
    super(message);
    this.name = 'VivoMeetingsError';
    this.code = code;
    if (field) this.field = field;
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
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return 'a number';
  if (typeof v === 'function') return 'a function';
  if (typeof v === 'object') return 'an object';
  return 'another type';
}

/** Runs a wasm export; an error it throws (on the wire) becomes a `VivoMeetingsError`. */
export function call(fn, ...args) {
  try {
    return fn(...args);
  } catch (e) {
    if (typeof e !== 'string') throw e;
    const [code, field, message] = e.split('\n');
    throw new VivoMeetingsError(code, message, field);
  }
}

/** Reports a partner callback's exception without throwing it. */
export function report(error) {
  if (typeof reportError === 'function') reportError(error);
  else console.error(error);
}
