// Fengari's VM loop: instruction dispatch, ipairs, fast calls of JS functions, and the
// frame values it keeps in locals (last: it rewrites the loop the other edits patched).
import { createRequire } from 'node:module';
import type { SourcePatch } from './types.js';

const requireFengari = createRequire(import.meta.url);

/** Lua 5.3's opcode numbers by name (OP_MOVE: 0, ...), from Fengari's own table. */
function opcodeNumber(name: string): number {
  const table = (requireFengari('fengari/src/lopcodes.js') as { OpCodesI: Record<string, number> }).OpCodesI;
  const n = table[name];
  if (n === undefined) throw new Error(`fengari: no opcode ${name}`);
  return n;
}

export const VM_PATCHES: SourcePatch[] = [
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
    // ipairs() stepped through a table with a JS call per element (checks, pushes, a
    // generic table read, result moves): most of the cost of a chisel's
    // `for i, f in ipairs(fields)` per event. The VM now takes the step itself when the
    // iterator is ipairs' own and the table has no metatable, the case where Lua 5.3 and
    // LuaJIT agree (a plain read of t[i + 1]); anything else still calls the iterator.
    file: 'lvm.js',
    why: 'the VM steps ipairs over plain tables itself',
    find: /(\n\s*)let cb = ra \+ 3; \/\* call base \*\/([\s\S]*?ldo\.luaD_call\(L, cb, i\.C\);\n\s*ldo\.(?:adjust|restore)_top\(L, ci\.top\);)/,
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
];
