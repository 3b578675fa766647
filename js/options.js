// Reading a partner's options: own data only, each read once, so that a
// polluted Object.prototype is never read and a throwing getter or Proxy
// trap becomes `invalid_option` on its field. Values are type-checked here
// and handed to the wasm as plain strings, booleans and arrays of strings;
// every rule about their content is the Rust core's.
import { fail, VivoMeetingsError, wrong } from './errors.js';

/** The longest string handed to the wasm: no URL the library builds is longer. */
export const TEXT_MAX = 8192;
/** The most entries of a list option (`mute`, `afterCallHosts`). */
const LIST_MAX = 64;

const unreadable = (field) => fail('invalid_option', field, 'could not be read (a getter or Proxy threw)');

/**
 * Reads `value`'s own enumerable properties, each once, into a
 * null-prototype record: `[record, prefix]`, where `prefix` is put before
 * the keys in error fields. `known` (if given) lists the allowed keys.
 * `undefined` values count as not given.
 */
function ownValues(value, field, known) {
  let keys;
  try {
    keys = Object.keys(value);
  } catch {
    throw unreadable(field);
  }
  const values = Object.create(null);
  const prefix = field === 'options' ? '' : `${field}.`;
  for (const key of keys) {
    if (known && !known.includes(key)) {
      throw fail('invalid_option', prefix + key, `is not an option here; expected one of: ${known.join(', ')}`);
    }
    try {
      values[key] = value[key];
    } catch {
      throw unreadable(prefix + key);
    }
  }
  return [values, prefix];
}

/** An options object, read once: the decoders below take it with a key. */
export class Options {
  constructor(value, field, known) {
    if (value === null || typeof value !== 'object' || isArray(value, field)) {
      throw wrong(field, 'an options object', value);
    }
    [this.values, this.prefix] = ownValues(value, field, known);
  }
  get(key) {
    return this.values[key];
  }
  field(key) {
    return this.prefix + key;
  }
}

function isArray(v, field) {
  try {
    return Array.isArray(v);
  } catch {
    throw unreadable(field); // a revoked Proxy
  }
}

/** A string option (at most `TEXT_MAX` characters), or undefined. */
export function text(o, key, code) {
  return checkText(o.get(key), o.field(key), code);
}

/** `v` if it is a string of at most `TEXT_MAX` characters (or undefined); else `code` (default `invalid_option`). */
export function checkText(v, field, code = 'invalid_option') {
  if (v === undefined) return undefined;
  if (typeof v !== 'string') {
    throw code === 'invalid_option' ? wrong(field, 'a string', v) : fail(code, field, 'must be a string');
  }
  if (v.length > TEXT_MAX) throw fail(code, field, `must be at most ${TEXT_MAX} characters`);
  return v;
}

/** A boolean option; absent is false. */
export function flag(o, key) {
  const v = o.get(key);
  if (v === undefined) return false;
  if (typeof v !== 'boolean') throw wrong(o.field(key), 'true or false', v);
  return v;
}

/** A string or a non-negative safe integer, as text (access codes, host ids). */
export function textOrInteger(o, key, code) {
  const v = o.get(key);
  if (v === undefined || typeof v === 'string') return text(o, key, code);
  if (Number.isSafeInteger(v) && v >= 0) return String(v);
  throw fail(code, o.field(key), 'must be a string or a non-negative integer');
}

/** A function option, or undefined. */
export function callback(o, key) {
  const v = o.get(key);
  if (v !== undefined && typeof v !== 'function') throw wrong(o.field(key), 'a function', v);
  return v;
}

/**
 * An array of strings, or undefined: its own elements only (no holes, so
 * an inherited `Array.prototype[0]` is never read; no iterator, so a
 * replaced `Array.prototype[Symbol.iterator]` changes nothing), each read
 * once; at most `LIST_MAX` entries of `TEXT_MAX` characters in all.
 */
export function texts(o, key) {
  const v = o.get(key);
  const field = o.field(key);
  if (v === undefined) return undefined;
  if (v === null || typeof v !== 'object' || !isArray(v, field)) throw wrong(field, 'an array of strings', v);
  const items = [];
  let size = 0;
  try {
    const length = v.length;
    if (length > LIST_MAX) throw fail('invalid_option', field, `must have at most ${LIST_MAX} entries`);
    for (let i = 0; i < length; i++) {
      if (!Object.prototype.hasOwnProperty.call(v, i)) throw fail('invalid_option', field, 'must not have holes');
      const item = v[i];
      if (typeof item !== 'string') throw wrong(field, 'an array of strings', item);
      size += item.length;
      if (size > TEXT_MAX) throw fail('invalid_option', `${field}[${i}]`, `makes the list longer than ${TEXT_MAX} characters in all`);
      items.push(item);
    }
  } catch (e) {
    throw e instanceof VivoMeetingsError ? e : unreadable(field);
  }
  return items;
}

/**
 * Pass-through parameters: a plain object (prototype `Object.prototype` or
 * null) of string, finite number or boolean values, as `[key, value, …]` in
 * insertion order. Together at most `TEXT_MAX` characters: any more could
 * not fit in a URL.
 */
export function params(o, key) {
  const v = o.get(key);
  const field = o.field(key);
  if (v === undefined) return [];
  let proto;
  try {
    proto = v !== null && typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
  } catch {
    throw unreadable(field);
  }
  if (proto !== Object.prototype && proto !== null) {
    throw wrong(field, 'a plain object of string, number or boolean values', v);
  }
  const [values] = ownValues(v, field);
  const out = [];
  let size = 0;
  for (const name of Object.keys(values)) {
    const value = values[name];
    if (!(typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))) {
      throw wrong(`${field}.${name}`, 'a string, a finite number or a boolean', value);
    }
    const s = String(value);
    size += name.length + s.length;
    if (size > TEXT_MAX) throw fail('invalid_option', `${field}.${name}`, 'makes the URL longer than 8192 characters');
    out.push(name, s);
  }
  return out;
}
