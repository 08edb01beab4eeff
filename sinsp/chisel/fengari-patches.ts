// Edits to Fengari's sources, applied by fengari.ts as Node compiles them. Fengari is a
// faithful port of C Lua, but it allocates where C Lua reuses memory and builds some keys
// slowly; chisels call into it once per event, so these costs decide a chisel's speed.
// Each edit names the text it expects (the package is pinned) and the chisel tests check
// that every one applied.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface SourcePatch {
  /** the file under fengari/src/ to edit ('' for every file) */
  file: string;
  /** what the edit achieves, one line (tests list the patches by it) */
  why: string;
  /** the text expected; a global RegExp edits every occurrence */
  find: RegExp;
  /** the new text ($1... for groups) or a function of the match, as String.replace takes */
  replace: string | ((match: string, ...groups: string[]) => string);
}

/** Lua 5.3's opcode numbers by name (OP_MOVE: 0, ...), from Fengari's own table. */
function opcodeNumber(name: string): number {
  const table = (require('fengari/src/lopcodes.js') as { OpCodesI: Record<string, number> }).OpCodesI;
  const n = table[name];
  if (n === undefined) throw new Error(`fengari: no opcode ${name}`);
  return n;
}

/** See SOURCE_PATCHES: `x = NaN;` and `x: NaN,` become 0 in one file, float fields aside. */
function integerFieldsStartAtZero(file: string): SourcePatch {
  return {
    file,
    why: `integer fields of ${file} do not start as NaN`,
    find: /\b(\w+)(\s*[:=]\s*)NaN\b(?=[;,\s])/g,
    replace: (m, name, sep) => (name === 'nval' || name === 'r' ? m : `${name!}${sep!}0`),
  };
}

export const SOURCE_PATCHES: SourcePatch[] = [
  {
    // Fengari keeps one TValue object per stack slot. Every Lua-to-anything call shrank the
    // stack to the call's arguments (deleting the caller's free registers) and, on return,
    // refilled the caller's frame with newly allocated nil TValues, and a Lua callee's frame
    // was allocated the same way: allocation and GC per call that dominated chisels calling
    // evt.field() and ipairs() per event. Slots above the top now keep their objects and are
    // reset to nil when the top grows over them again. Nothing else holds those objects: a
    // register above the top is free (live locals, and so open upvalues, sit below any call
    // or concatenation's base), and JS code copies values out of slots (setfrom) rather
    // than keeping slot objects.
    file: 'ldo.js',
    why: 'stack slots above the top are reused',
    find: /const adjust_top = function\(L, newtop\) \{[\s\S]*?\n\};/,
    replace: `const adjust_top = function(L, newtop) {
    const stack = L.stack;
    let top = L.top;
    while (top < newtop) {
        const o = stack[top];
        if (o === undefined) stack[top] = new lobject.TValue(LUA_TNIL, null);
        else { o.type = LUA_TNIL; o.value = null; }
        top++;
    }
    L.top = newtop;
};`,
  },
  {
    // (the same) a call's results no longer clear the callee's slots above them
    file: 'ldo.js',
    why: 'results keep the slots above them',
    find: /(let newtop = res \+ wanted; \/\* top points after the last result \*\/\n)\s*for \(let i=L\.top; i>=newtop; i--\)\n\s*delete L\.stack\[i\];\n/,
    replace: '$1',
  },
  {
    // `delete L.stack[i]` turns the stack array into a slow dictionary-backed array after a
    // few thousand calls: Lua function calls then dominate a chisel's cost. Storing
    // undefined reads back the same.
    file: '',
    why: 'stack shrinks store undefined instead of deleting',
    find: /delete (L\.stack\[[^\]]+\]);/g,
    replace: '$1 = undefined;',
  },
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
    // Every call allocated a CallInfo (15 fields) and dropped it on return: with a chisel's
    // evt.field(), ipairs() and its own functions that is several objects per event for
    // the GC. C Lua keeps the chain of CallInfos and reuses the next one; so do we. Every
    // field a call reads is set by luaD_precall (or, for continuations, set before use),
    // as in C Lua, whose reused CallInfos carry stale fields the same way.
    file: 'lstate.js',
    why: 'CallInfos are reused',
    find: /const luaE_extendCI = function\(L\) \{\n/,
    replace: `const luaE_extendCI = function(L) {
    const reused = L.ci.next;
    if (reused !== null) {
        L.ci = reused;
        return reused;
    }
`,
  },
  {
    // (the same) returning keeps the callee's CallInfo linked for the next call
    file: 'ldo.js',
    why: 'returns keep the next CallInfo',
    find: /(L\.ci = ci\.previous;\n)\s*L\.ci\.next = null;\n/,
    replace: '$1',
  },
  {
    // Pushing a value allocated a TValue for the slot, though the slot above the top
    // usually still holds one (see the first patch): every evt.field() result, every
    // ipairs() step and every lua_push* from JS made garbage. The value now goes into the
    // slot's object when it has one. lobject gets the helper; the pushes below call it.
    file: 'lobject.js',
    why: 'pushes fill the slot object in place',
    find: /const pushobj2s = function\(L, tv\) \{\n\s*L\.stack\[L\.top\+\+\] = new TValue\(tv\.type, tv\.value\);\n\};\nconst pushsvalue2s = function\(L, ts\) \{\n\s*L\.stack\[L\.top\+\+\] = new TValue\(LUA_TLNGSTR, ts\);\n\};/,
    replace: `const settopvalue = function(L, type, value) {
    const o = L.stack[L.top];
    if (o === undefined) L.stack[L.top] = new TValue(type, value);
    else { o.type = type; o.value = value; }
};
module.exports.settopvalue = settopvalue;
const pushobj2s = function(L, tv) {
    settopvalue(L, tv.type, tv.value);
    L.top++;
};
const pushsvalue2s = function(L, ts) {
    settopvalue(L, LUA_TLNGSTR, ts);
    L.top++;
};`,
  },
  {
    // (the same) the C API's lua_push* functions
    file: 'lapi.js',
    why: 'lua_push* fill the slot object in place',
    find: /L\.stack\[L\.top\] = new (?:lobject\.)?TValue\(([A-Z_]+), ([^;]+)\);/g,
    replace: 'lobject.settopvalue(L, $1, $2);',
  },
  {
    // The VM's `switch (opcode)` named its cases by constants imported from lopcodes.js,
    // so V8 could not make a jump table of it: every instruction ran a chain of up to 47
    // comparisons (OP_CALL is the 37th). Number literals make the switch a table jump.
    file: 'lvm.js',
    why: 'the VM dispatches on opcode numbers',
    find: /case (OP_[A-Z]+):/g,
    replace: (_m, name) => `case ${opcodeNumber(name!)}: /* ${name} */`,
  },
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
    // A concatenation popped its operands by dropping their slot objects, and the VM then
    // allocated new ones to restore the frame: two or more objects per `..`. The popped
    // slots are above the top and keep their objects (as in the first patch).
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
    // ipairs() stepped through a table with a JS call per element (checks, pushes, a
    // generic table read, result moves): most of the cost of a chisel's
    // `for i, f in ipairs(fields)` per event. The VM now takes the step itself when the
    // iterator is ipairs' own and the table has no metatable, the case where Lua 5.3 and
    // LuaJIT agree (a plain read of t[i + 1]); anything else still calls the iterator.
    file: 'lvm.js',
    why: 'the VM steps ipairs over plain tables itself',
    find: /(\n\s*)let cb = ra \+ 3; \/\* call base \*\/([\s\S]*?ldo\.luaD_call\(L, cb, i\.C\);\n\s*ldo\.adjust_top\(L, ci\.top\);)/,
    replace: '$1if (!ipairs_inline_step(L, ra, i.C)) {$1let cb = ra + 3; /* call base */$2$1}',
  },
  {
    // (the same) the inline step, and where lbaselib registers ipairs' iterator
    file: 'lvm.js',
    why: 'ipairs steps inline',
    find: /\nconst luaV_execute = function\(L\) \{\n/,
    replace: `
let ipairs_iterator = null;
const luaV_setipairsiterator = function(f) { ipairs_iterator = f; };
module.exports.luaV_setipairsiterator = luaV_setipairsiterator;

/* OP_TFORCALL for ipairs' iterator over a table without metatable: the iterator's
   results (i + 1 and t[i + 1], or nil at the end) go straight into the loop variables.
   Returns false, having done nothing, when the call must really be made. */
const ipairs_inline_step = function(L, ra, nresults) {
    const f = L.stack[ra];
    if (f.type !== LUA_TLCF || f.value !== ipairs_iterator || L.hookmask !== 0) return false;
    const t = L.stack[ra + 1], ctl = L.stack[ra + 2];
    if (t.type !== LUA_TTABLE || t.value.metatable !== null || ctl.type !== LUA_TNUMINT) return false;
    const n = ctl.value + 1;
    if (n > 0x7fffffff) return false;
    const e = t.value.strong.get(n);
    let r = 0;
    if (e !== undefined && e.value.type !== LUA_TNIL) {
        L.stack[ra + 3].setivalue(n);
        r = 1;
        if (nresults > 1) { L.stack[ra + 4].setfrom(e.value); r = 2; }
    }
    for (; r < nresults; r++) L.stack[ra + 3 + r].setnilvalue();
    return true;
};

const luaV_execute = function(L) {
`,
  },
  {
    // (the same) lbaselib tells the VM which function is ipairs' iterator; and ipairs()
    // itself, called once per loop, takes the VM's fast call (see below)
    file: 'lbaselib.js',
    why: "ipairs' iterator is registered with the VM",
    find: /\nconst luaB_ipairs = function\(L\) \{[\s\S]*?\n\};\n/,
    replace: (fn) => `
require('./lvm.js').luaV_setipairsiterator(ipairsaux);
${fn}
/* ipairs(t) as the VM's fast call (see luaV_fastcall in lvm.js): the iterator, t (already
   in the slot after the function's) and 0 */
const IPAIRS_LUA_TLCF = require('./defs.js').constant_types.LUA_TLCF;
luaB_ipairs.luaFastCall = function(stack, ra, nresults) {
    if (nresults > 0) {
        const f = stack[ra];
        f.type = IPAIRS_LUA_TLCF;
        f.value = ipairsaux;
    }
    if (nresults > 2) stack[ra + 2].setivalue(0);
    return nresults < 3 ? nresults : 3;
};
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
/* t[key] = val for instruction i (SETTABUP, SETTABLE): through its cached entry when the
   key is a constant string that the table already holds and the value is not nil (a raw
   store, as settable makes for a key present in the table) */
const luaV_settable_k = function(L, t, key, val, i) {
    if (t.type === LUA_TTABLE && ISK(i.B) && val.type !== LUA_TNIL) {
        const h = t.value;
        let e = i.cacheEntry;
        if (i.cacheTable !== h || e.value === undefined) {
            e = undefined;
            if (key.type === LUA_TLNGSTR || key.type === LUA_TSHRSTR) {
                const ts = key.value;
                e = h.strong.get(ts.hash !== null ? ts.hash : luaS_hashlongstr(ts));
            }
            if (e === undefined) {
                settable(L, t, key, val);
                return;
            }
            i.cacheTable = h;
            i.cacheEntry = e;
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
        let e = i.cacheEntry;
        if (i.cacheTable !== h || e.value === undefined) {
            e = undefined;
            if (key.type === LUA_TLNGSTR || key.type === LUA_TSHRSTR) {
                const ts = key.value;
                e = h.strong.get(ts.hash !== null ? ts.hash : luaS_hashlongstr(ts));
            }
            if (e === undefined) {
                luaV_gettable(L, t, key, ra);
                return;
            }
            i.cacheTable = h;
            i.cacheEntry = e;
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
    // When the VM gives a frame back its full size (a new Lua frame, or after a call, a
    // concatenation or a loop step) it reset every register above the top to nil, a
    // dozen writes per evt.field() call. C Lua 5.3 just moves the top: its compiler
    // (and Fengari's, a port of it) writes every register before reading it, with an
    // explicit LOADNIL for `local x`. The VM now only makes sure the slots have objects;
    // lua_settop, which must give nils, keeps adjust_top.
    file: 'ldo.js',
    why: 'the VM restores the top without clearing registers',
    find: /(\nconst seterrorobj = function)/,
    replace: `
const restore_top = function(L, newtop) {
    const stack = L.stack;
    for (let top = L.top; top < newtop; top++)
        if (stack[top] === undefined) stack[top] = new lobject.TValue(LUA_TNIL, null);
    L.top = newtop;
};
module.exports.restore_top = restore_top;
$1`,
  },
  {
    // (the same) a Lua function's new frame
    file: 'ldo.js',
    why: 'new Lua frames are not cleared',
    find: /(ci\.top = base \+ fsize;\n\s*)adjust_top\(L, ci\.top\);/,
    replace: '$1restore_top(L, ci.top);',
  },
  {
    // (the same) the VM's restores of a frame's top
    file: 'lvm.js',
    why: "the VM's frame restores do not clear",
    find: /ldo\.adjust_top\(L, (o?ci)\.top\);/g,
    replace: 'ldo.restore_top(L, $1.top);',
  },
  // Fengari starts the integer fields of its objects as NaN ("not set yet"): the parser's
  // (registers, pcs, counts), a Proto's frame size, and CallInfo's and lua_State's stack
  // positions. V8 then stores those fields as boxed doubles, and the doubles spread: a
  // frame size read from a double field makes the stack top a double too. Every
  // instruction fetch then did double arithmetic on the pc and converted base + A back to
  // an integer index, and every L.top++ wrote a box. Starting them at 0 keeps them small
  // integers. (The two fields that hold float values, the lexer's and the parser's number
  // constants, stay as they are.)
  ...['lstate.js', 'lparser.js', 'llex.js', 'lobject.js'].map(integerFieldsStartAtZero),
  {
    // (the same) lua_pop(L, 0) computed the new top from -0, a double, and the first
    // such pop (luaL_setfuncs does one) turned L.top into a double field for good
    file: 'lapi.js',
    why: 'lua_pop(L, 0) keeps the top an integer',
    find: /lua_settop\(L, -n - 1\);/,
    replace: 'lua_settop(L, -1 - n);',
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
    // (the same, for writes) assignments to globals and to fields by name
    file: 'lvm.js',
    why: 'writes by constant key use the cached entry',
    find: /settable\(L, (upval, rb, rc|table, key, v)\);/g,
    replace: 'luaV_settable_k(L, $1, i);',
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
    // A call from Lua to a JS function builds a CallInfo, goes through the C API to read
    // its arguments and push its results, and moves the results back: several times the
    // work of evt.field() itself, which chisels call a few times per event. A JS function
    // may now carry a shortcut (fengari.ts: setFastCall) that the VM calls directly on the
    // stack when the call has exactly one argument and wants a fixed number of results;
    // the shortcut writes its results where the function was, as a return would. With
    // debug hooks set, or when the shortcut declines, the call is ordinary.
    file: 'lvm.js',
    why: 'JS functions can have a fast one-argument call',
    find: /(\n(\s*)if \(ldo\.luaD_precall\(L, ra, nresults\)\) \{)/,
    replace: `
$2if (b === 2 && nresults >= 0 && luaV_fastcall(L, ra, nresults)) {
$2    ldo.restore_top(L, ci.top);
$2    break;
$2}$1`,
  },
  {
    // (the same) the shortcut's call
    file: 'lvm.js',
    why: 'the fast call',
    find: /\nconst luaV_execute = function\(L\) \{\n/,
    replace: `
const luaV_fastcall = function(L, ra, nresults) {
    const f = L.stack[ra];
    if (f.type !== LUA_TLCF || L.hookmask !== 0) return false;
    const fast = f.value.luaFastCall;
    if (fast === undefined) return false;
    const n = fast(L.stack, ra, nresults);
    if (n < 0) return false;
    for (let r = n; r < nresults; r++) L.stack[ra + r].setnilvalue();
    return true;
};

const luaV_execute = function(L) {
`,
  },
  {
    // The VM's loop reloaded the running function, its constants, the frame base and the
    // stack array before every instruction. They change only when the VM switches frames
    // (a call or a return continues the outer 'newframe' loop), and the stack array is the
    // same object for the thread's life (growing it only changes its length). The loop
    // now loads them once per frame.
    file: 'lvm.js',
    why: 'the VM keeps frame values in locals',
    find: /const luaV_execute = function\(L\) \{\n[\s\S]*?\n\};\n/,
    replace: (fn) => {
      const head = /(\n\s*newframe:\n\s*for \(;;\) \{\n)\s*lua_assert\(ci === L\.ci\);\n(\s*let cl = ci\.func\.value;\n\s*let k = cl\.p\.k;\n\s*let base = ci\.l_base;\n)\s*\n\s*let i = ci\.l_code\[ci\.l_savedpc\+\+\];\n/;
      const tail = /(\n {8}\}\n {4}\}\n\};\n)$/;
      if (!head.test(fn) || !tail.test(fn)) return fn;
      return fn
        .replace(head, '$1$2        const code = ci.l_code;\n        for (;;) {\n        let i = code[ci.l_savedpc++];\n')
        .replace(tail, '\n        }\n        }\n    }\n};\n')
        .replace(/L\.stack\[/g, 'stack[')
        .replace('const luaV_execute = function(L) {\n', 'const luaV_execute = function(L) {\n    const stack = L.stack;\n');
    },
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
