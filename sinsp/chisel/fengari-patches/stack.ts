// Fengari's stack and calls: one TValue object per stack slot, a CallInfo per call, the
// stack top. Fengari allocated these per call and per push where C Lua reuses memory.
import type { SourcePatch } from './types.js';

/** `x = NaN;` and `x: NaN,` become 0 in one file, the two float fields aside (see below). */
function integerFieldsStartAtZero(file: string): SourcePatch {
  return {
    file,
    why: `integer fields of ${file} do not start as NaN`,
    find: /\b(\w+)(\s*[:=]\s*)NaN\b(?=[;,\s])/g,
    replace: (m, name, sep) => (name === 'nval' || name === 'r' ? m : `${name!}${sep!}0`),
  };
}

export const STACK_PATCHES: SourcePatch[] = [
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
];
