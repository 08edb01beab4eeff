// Fengari's strings: table keys made from their bytes, concatenation, copies.
import type { SourcePatch } from './types.js';

export const STRING_PATCHES: SourcePatch[] = [
  {
    // A string's table key was "|" plus each byte in hex, built one toString(16) at a time:
    // hashing a 50-byte file name cost microseconds, and every new string used as a key
    // (field values, concatenations) pays it. One char per byte (Latin-1) is as unique,
    // built natively, and compares in byte order, which l_strcmp relies on for `<`
    // (the hex form misordered bytes below 0x10).
    file: 'lstring.js',
    why: 'string keys are the bytes as Latin-1',
    find: /const luaS_hash = function\(str\) \{[\s\S]*?return s;\n\};/,
    replace: `const latin1Slice = Buffer.prototype.latin1Slice;
const luaS_hash = function(str) {
    let len = str.length;
    if (len > 12) return "|" + latin1Slice.call(str, 0, len);
    let s = "|";
    for (let i = 0; i < len; i++) s += String.fromCharCode(str[i]);
    return s;
};`,
  },
  {
    // A concatenation popped its operands by dropping their slot objects, and the VM then
    // allocated new ones to restore the frame: two or more objects per `..`. The popped
    // slots are above the top and keep their objects (see stack.ts).
    file: 'lvm.js',
    why: 'concatenation keeps the popped slots',
    find: /for \(; L\.top > top-\(n-1\);\)\n\s*(?:delete L\.stack\[--L\.top\]|L\.stack\[--L\.top\] = undefined);/,
    replace: 'L.top = top - (n - 1);',
  },
  {
    // TypedArray.prototype.set costs more to call than copying a short string byte by
    // byte, and a concatenation's pieces are mostly short (names, separators, numbers).
    file: 'lvm.js',
    why: 'concatenation copies short pieces by hand',
    find: /let s = tv\.svalue\(\);\n(\s*)buff\.set\(s, tl\);/,
    replace: `let s = tv.svalue();
$1if (l < 32) for (let j = 0; j < l; j++) buff[tl + j] = s[j];
$1else buff.set(s, tl);`,
  },
  {
    // Copying bytes into a new Lua string (lua_pushstring, every JS string turned into a
    // Lua one) went through Uint8Array.from, which takes the generic iterator path; the
    // typed-array constructor copies a typed array (or any array-like) natively.
    file: 'defs.js',
    why: 'string copies use the typed-array constructor',
    find: /luastring_from = Uint8Array\.from\.bind\(Uint8Array\);/,
    replace: 'luastring_from = function(a) { return new Uint8Array(a); };',
  },
];
