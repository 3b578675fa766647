// Shortens the wasm's import and export names, and the glue's uses of them.
//
// wasm-bindgen names imports like `__wbg_setAttribute_f75317b2b5cabfb4` in a
// module called `./vivomeetings_embed_bg.js`, and exports closures under
// names hundreds of characters long. Hashes compress badly, so they cost
// ~2 KB of gzipped wasm and ~1 KB of gzipped JS. This renames them to `$0`,
// `$1`, … in both files. The export `memory` keeps its name: `init()`
// returns the exports, and partners read `memory` from it.
//
// Usage: node scripts/short-names.mjs IN.wasm IN.js OUT.wasm OUT.js
import { readFileSync, writeFileSync } from 'node:fs';

const [inWasm, inJs, outWasm, outJs] = process.argv.slice(2);
const bytes = readFileSync(inWasm);
let js = readFileSync(inJs, 'utf8');

function readU32(buf, at) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[at++];
    result |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result >>> 0, at];
    shift += 7;
  }
}

function u32(n) {
  const out = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return Buffer.from(out);
}

const name = (s) => Buffer.concat([u32(Buffer.byteLength(s)), Buffer.from(s)]);
const readName = (buf, at) => {
  const [len, start] = readU32(buf, at);
  return [buf.toString('utf8', start, start + len), start + len];
};

const MODULE = './vivomeetings_embed_bg.js';
let counter = 0;
const renames = new Map(); // old name -> new name, imports and exports alike
const importNames = new Set();
const fresh = (old) => {
  if (!renames.has(old)) renames.set(old, `$${(counter++).toString(36)}`);
  return renames.get(old);
};

/** Rewrites the import section (id 2): module MODULE -> 'a', field names shortened. */
function imports(body) {
  let [count, at] = readU32(body, 0);
  const parts = [u32(count)];
  for (let i = 0; i < count; i++) {
    let module, field;
    [module, at] = readName(body, at);
    [field, at] = readName(body, at);
    const kind = body[at];
    // Import descriptions: func (index), table (reftype + limits), memory (limits), global (type + mut).
    let end = at + 1;
    if (kind === 0) [, end] = readU32(body, end);
    else if (kind === 1) end = limits(body, end + 1);
    else if (kind === 2) end = limits(body, end);
    else if (kind === 3) end += 2;
    else throw new Error(`unknown import kind ${kind}`);
    const renamed = module === MODULE;
    if (renamed) importNames.add(field);
    parts.push(name(renamed ? 'a' : module), name(renamed ? fresh(field) : field), body.subarray(at, end));
    at = end;
  }
  return Buffer.concat(parts);
}

function limits(body, at) {
  const flags = body[at];
  let [, next] = readU32(body, at + 1);
  if (flags & 1) [, next] = readU32(body, next);
  return next;
}

/** Rewrites the export section (id 7): every name but `memory` shortened. */
function exports(body) {
  let [count, at] = readU32(body, 0);
  const parts = [u32(count)];
  for (let i = 0; i < count; i++) {
    let field;
    [field, at] = readName(body, at);
    const kind = body[at];
    const [, end] = readU32(body, at + 1);
    parts.push(name(field === 'memory' ? field : fresh(field)), body.subarray(at, end));
    at = end;
  }
  return Buffer.concat(parts);
}

const out = [bytes.subarray(0, 8)];
let at = 8;
while (at < bytes.length) {
  const id = bytes[at];
  const [size, start] = readU32(bytes, at + 1);
  let body = bytes.subarray(start, start + size);
  if (id === 2) body = imports(body);
  if (id === 7) body = exports(body);
  out.push(Buffer.from([id]), u32(body.length), body);
  at = start + size;
}

// The glue: the import object's module key, its function keys, and `wasm.<export>`.
const count = (s) => js.split(s).length - 1;
if (count(`"${MODULE}": import0`) !== 1) throw new Error('glue: import module key not found exactly once');
js = js.replace(`"${MODULE}": import0`, '"a": import0');
for (const [old, short] of renames) {
  const escaped = old.replace(/\$/g, '\\$');
  if (importNames.has(old)) {
    // An import is a key of the glue's import object; its hashed name is unique.
    const re = new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`, 'g');
    if (!re.test(js)) throw new Error(`glue: import ${old} is not provided`);
    js = js.replace(re, short);
  } else {
    // An export is only ever used as `wasm.<name>` (the glue's own functions
    // may share its name, e.g. `export function meetingUrl`).
    js = js.replace(new RegExp(`(?<=\\bwasm\\.)${escaped}(?![\\w$])`, 'g'), short);
  }
}
const exported = new Set(['memory', ...[...renames].filter(([old]) => !importNames.has(old)).map(([, n]) => n)]);
for (const [, used] of js.matchAll(/\bwasm\.([\w$]+)/g)) {
  if (!exported.has(used)) throw new Error(`glue: wasm.${used} is not an export after renaming`);
}
writeFileSync(outWasm, Buffer.concat(out));
writeFileSync(outJs, js);
console.log(`short-names: ${renames.size} names shortened`);
