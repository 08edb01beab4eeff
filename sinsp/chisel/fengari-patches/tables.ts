// Fengari's tables: reads and writes, and the entries cached by instructions that name
// their key (globals, fields).
import type { SourcePatch } from './types.js';

export const TABLE_PATCHES: SourcePatch[] = [
  {
    // Every table read (globals, fields, a chisel's own tables) went through checks for
    // nil and NaN keys, a switch over every key type and two asserting helpers before the
    // Map lookup. Strings and numbers, nearly every key a chisel uses, now go straight to
    // the lookup; other keys take the original path.
    file: 'ltable.js',
    why: 'string and number keys are looked up directly',
    find: /const luaH_get = function\(L, t, key\) \{\n/,
    replace: `const luaH_get = function(L, t, key) {
    const type = key.type;
    if (type === LUA_TLNGSTR || type === LUA_TSHRSTR) {
        const ts = key.value;
        const e = t.strong.get(ts.hash !== null ? ts.hash : luaS_hashlongstr(ts));
        return e !== undefined ? e.value : lobject.luaO_nilobject;
    }
    if (type === LUA_TNUMINT || type === LUA_TNUMFLT) {
        /* floats and integers of one value share a key (NaN is never one) */
        const e = t.strong.get(key.value);
        return e !== undefined ? e.value : lobject.luaO_nilobject;
    }
`,
  },
  {
    // Adding a key forgets the table's removed keys (kept so that next() can step past a
    // key removed during a traversal) by clearing their Map, and clearing a Map allocates
    // a new one even when it is empty: every new key, every field of a table built per
    // event, paid for it. Empty Maps are now left alone.
    file: 'ltable.js',
    why: 'adding a key clears the removed keys only when there are some',
    find: /(const add = function\(t, hash, key, value\) \{\n)\s*t\.dead_strong\.clear\(\);\n/,
    replace: '$1    if (t.dead_strong.size !== 0) t.dead_strong.clear();\n',
  },
  {
    // An assignment to a table made two lookups (is the key there? then the store) plus
    // the key's hashing twice. When the key is a string or a number already in the table
    // and the value is not nil, the store is a plain one: it now takes one lookup.
    // Anything else (a new key, a removal, __newindex) takes the original path.
    file: 'lvm.js',
    why: 'assignments to existing keys take one lookup',
    find: /(const settable = function\(L, t, key, val\) \{\n)/,
    replace: `$1    if (t.type === LUA_TTABLE && val.type !== LUA_TNIL) {
        const kt = key.type;
        let hash;
        if (kt === LUA_TLNGSTR || kt === LUA_TSHRSTR) hash = key.value.hash !== null ? key.value.hash : luaS_hashlongstr(key.value);
        else if (kt === LUA_TNUMINT || kt === LUA_TNUMFLT) hash = key.value;
        if (hash !== undefined) {
            const e = t.value.strong.get(hash);
            if (e !== undefined) {
                e.value.setfrom(val);
                ltable.invalidateTMcache(t.value);
                return;
            }
        }
    }
`,
  },
  {
    // Reading a global or a field by name (`evt.field`, `grtable`, `ipairs`) hashed the
    // name into the table's Map on every execution: a chisel does a dozen per event. Each
    // such instruction now remembers the table entry it found; while the instruction
    // meets the same table and the entry still holds a value it reads (or, for an
    // assignment of a non-nil value, writes) the entry directly.
    // An entry whose key was removed is emptied (its value dropped) and never reused, so
    // the check is exact; a miss takes the original path, metamethods included. Both
    // ways of making instructions (compiler, binary chunks) give them the two fields.
    file: 'lvm.js',
    why: 'reads by constant key cache their table entry',
    find: /luaV_gettable\(L, (upval|rb|L\.stack\[rb\]), rc, ra\);/g,
    replace: 'luaV_gettable_k(L, $1, rc, ra, i);',
  },
  {
    // (the same) the cached read
    file: 'lvm.js',
    why: 'the cached read',
    find: /\nconst luaV_execute = function\(L\) \{\n/,
    replace: `
/* the entry of table h holding constant key for instruction i: the one i cached while it
   still holds a value, else looked up (string keys only) and cached; undefined if absent */
const cached_entry = function(h, key, i) {
    const c = i.cacheEntry;
    if (i.cacheTable === h && c.value !== undefined) return c;
    if (key.type !== LUA_TLNGSTR && key.type !== LUA_TSHRSTR) return undefined;
    const ts = key.value;
    const e = h.strong.get(ts.hash !== null ? ts.hash : luaS_hashlongstr(ts));
    if (e !== undefined) {
        i.cacheTable = h;
        i.cacheEntry = e;
    }
    return e;
};

/* t[key] = val for instruction i (SETTABUP, SETTABLE): through its cached entry when the
   key is a constant string that the table already holds and the value is not nil (a raw
   store, as settable makes for a key present in the table) */
const luaV_settable_k = function(L, t, key, val, i) {
    if (t.type === LUA_TTABLE && ISK(i.B) && val.type !== LUA_TNIL) {
        const h = t.value;
        const e = cached_entry(h, key, i);
        if (e === undefined) {
            settable(L, t, key, val);
            return;
        }
        e.value.setfrom(val);
        ltable.invalidateTMcache(h);
        return;
    }
    settable(L, t, key, val);
};

/* t[key] into stack slot ra, for instruction i: through its cached entry when the key is
   a constant string (see the instruction cache fields in lopcodes.js and lundump.js) */
const luaV_gettable_k = function(L, t, key, ra, i) {
    if (t.type === LUA_TTABLE && ISK(i.C)) {
        const h = t.value;
        const e = cached_entry(h, key, i);
        if (e === undefined) {
            luaV_gettable(L, t, key, ra);
            return;
        }
        L.stack[ra].setfrom(e.value);
        return;
    }
    luaV_gettable(L, t, key, ra);
};

const luaV_execute = function(L) {
`,
  },
  {
    // (the same) every instruction has the fields, so that they all keep one shape
    file: 'lopcodes.js',
    why: 'compiled instructions have cache fields',
    find: /(sBx: *\(\(ins >> POS_Bx\) & MASK1\(SIZE_Bx, 0\)\) - MAXARG_sBx)\n/,
    replace: '$1,\n            cacheTable: null,\n            cacheEntry: null\n',
  },
  {
    // (the same)
    file: 'lundump.js',
    why: 'loaded instructions have cache fields',
    find: /(sBx: *\(\(ins >> POS_Bx\) & p\.MASK1\(SIZE_Bx, 0\)\) - MAXARG_sBx)\n/,
    replace: '$1,\n                cacheTable: null,\n                cacheEntry: null\n',
  },
  {
    // (the same, for writes) assignments to globals and to fields by name
    file: 'lvm.js',
    why: 'writes by constant key use the cached entry',
    find: /settable\(L, (upval, rb, rc|table, key, v)\);/g,
    replace: 'luaV_settable_k(L, $1, i);',
  },
];
