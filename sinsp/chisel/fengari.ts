// Loads Fengari (Lua 5.3 in JS) and adjusts it to behave like the LuaJIT that sysdig's
// chisels were written for:
// - every number literal (and every string converted to a number) is a float, as in
//   LuaJIT where all numbers are doubles. Fengari's integers are 32-bit and wrap on
//   overflow, which would corrupt byte counters and nanosecond arithmetic;
// - numbers print as C's "%.14g" does: 3 (not 3.0), 1.5e+18 (not 1500000000000000000).
// Both are done by replacing two functions on Fengari's lobject module, which the lexer,
// the VM and the C API all call through the module object.
import { createRequire } from 'node:module';
import { dirname, sep } from 'node:path';
import { applyPatches, loadFengariBundle } from './fengari-bundle.js';
import { numberToString } from './printf.js';
import { SOURCE_PATCHES } from './fengari-patches/index.js';

const requireFengari = createRequire(import.meta.url);

/** The patches that found their text (for tests). */
export const appliedSourcePatches = new Set<string>();

interface CjsModuleClass {
  prototype: { _compile(src: string, file: string): unknown };
}

const fengariSrcDir = dirname(requireFengari.resolve('fengari/src/fengari.js')) + sep;
export const fengariVersion = (requireFengari('fengari/package.json') as { version: string }).version;

/** Fengari's modules one by one through Node's loader, edited as they load */
function loadFengariFast(): void {
  const Module = requireFengari('node:module') as CjsModuleClass;
  const srcDir = fengariSrcDir;
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (this: unknown, content: string, filename: string): unknown {
    if (!filename.startsWith(srcDir)) return compile.call(this, content, filename);
    const edited = applyPatches(SOURCE_PATCHES, filename.slice(srcDir.length), content);
    for (const why of edited.applied) appliedSourcePatches.add(why);
    return compile.call(this, edited.content, filename);
  };
  try {
    requireFengari('fengari');
  } finally {
    Module.prototype._compile = compile;
  }
}

// dist/fengari.bundle.cjs when it was made from this Fengari with these edits (see
// fengari-bundle.ts); otherwise (or with SINSPECT_NO_BUNDLE=1, as for the engine's
// bundle) the modules, edited as they load
const requireFromFengari = createRequire(fengariSrcDir + 'fengari.js');
const bundled =
  process.env.SINSPECT_NO_BUNDLE === '1' ? undefined : loadFengariBundle(fengariVersion, SOURCE_PATCHES, (id) => requireFromFengari(id));
if (bundled !== undefined) {
  for (const why of bundled.applied) appliedSourcePatches.add(why);
} else {
  loadFengariFast();
}

/** the exports of fengari/src/`name`, from wherever Fengari was loaded */
function fengariModule(name: string): unknown {
  return bundled !== undefined ? bundled.load(name) : requireFengari(`fengari/src/${name}`);
}

/**
 * Fengari's modules call each other through their exports objects (lobject.setobjs2s,
 * lapi.api_checknelems...), on every VM instruction and call. Node's loader leaves the
 * exports of modules that are required in a cycle (lobject, lapi, defs) with dictionary
 * properties, and every such lookup then went through V8's generic property-load code.
 * An object that serves as a prototype is given fast properties again by V8 once lookups
 * through it warm up (the same "toFastProperties" trick libraries such as Bluebird use).
 */
function giveFastProperties(o: object): void {
  function Holder(): void {}
  Holder.prototype = o;
  const probe = new (Holder as unknown as new () => Record<string, unknown>)();
  for (let i = 0; i < 20; i++) void probe['\u0000sinspect-absent'];
}

function fastenFengariExports(): void {
  if (bundled !== undefined) {
    for (const loaded of bundled.loaded()) if (loaded && typeof loaded === 'object') giveFastProperties(loaded);
    return;
  }
  for (const [file, mod] of Object.entries(requireFengari.cache)) {
    if (file.startsWith(fengariSrcDir) && mod?.exports && typeof mod.exports === 'object') giveFastProperties(mod.exports as object);
  }
}
export const FENGARI_PATCHES = SOURCE_PATCHES.map((p) => p.why);

/* eslint-disable @typescript-eslint/no-explicit-any */
// Fengari ships no type declarations: these are the parts of its API the engine uses.
export type LuaState = object;
export type JsFunction = (L: LuaState) => number;

interface Fengari {
  lua: Record<string, any>;
  lauxlib: Record<string, any>;
  lualib: Record<string, any>;
  to_luastring(s: string, cache?: boolean): Uint8Array;
  to_jsstring(b: Uint8Array, from?: number, to?: number, replacement?: boolean): string;
}

const fengari = fengariModule('fengari.js') as Fengari;
const lobject = fengariModule('lobject.js') as Record<string, any>;
const lstring = fengariModule('lstring.js') as Record<string, any>;

let patched = false;
function patchNumbers(): void {
  if (patched) return;
  patched = true;
  const str2num = lobject.luaO_str2num as (s: Uint8Array, o: any) => number;
  lobject.luaO_str2num = (s: Uint8Array, o: any): number => {
    const r = str2num(s, o);
    if (r !== 0 && o.ttisinteger()) o.setfltvalue(o.value);
    return r;
  };
  lobject.luaO_tostring = (_L: any, obj: any): void => {
    obj.setsvalue(numberTString(obj.value as number));
  };
}

/**
 * The Lua strings numbers were converted to (`pid .. ""`, keys built from ports and ids,
 * print and string.format's %s), by value: chisels convert the same few numbers on every
 * event, and a shared string also keeps its table key. Lua strings are immutable, so one
 * object can serve every use. Integers and floats of one value print alike (%.14g) below
 * 1e15, past which Fengari's 32-bit integers cannot go.
 */
const numberStrings = new Map<number, any>();
const MAX_NUMBER_STRINGS = 4096;

function numberTString(n: number): any {
  // 0 and -0 are one Map key but print differently
  let ts = n === 0 ? undefined : numberStrings.get(n);
  if (ts === undefined) {
    ts = lstring.luaS_bless(null, fengari.to_luastring(numberToString(n)));
    if (n !== 0) {
      if (numberStrings.size >= MAX_NUMBER_STRINGS) numberStrings.clear();
      numberStrings.set(n, ts);
    }
  }
  return ts;
}

/** A number's text as LuaJIT prints it (%.14g), as Lua string bytes (shared: do not modify). */
export function numberBytes(n: number): Uint8Array {
  return numberTString(n).getstr() as Uint8Array;
}

/** Push a number's text as a Lua string (tostring(n)). */
export function pushNumberString(L: LuaState, n: number): void {
  lobject.pushsvalue2s(L, numberTString(n));
}

/** Push bytes as a Lua string without copying them: the caller gives them up. */
export function pushOwnedBytes(L: LuaState, b: Uint8Array): void {
  lobject.pushsvalue2s(L, lstring.luaS_bless(L, b));
}

patchNumbers();
fastenFengariExports();

export const lua = fengari.lua;
export const lauxlib = fengari.lauxlib;
export const lualib = fengari.lualib;
export const toLua = fengari.to_luastring;

const decoder = new TextDecoder('utf-8');
/** Lua string bytes to a JS string (UTF-8, invalid bytes replaced). */
export function fromLua(b: Uint8Array): string {
  return decoder.decode(b);
}

/** Latin-1 view of Lua bytes: one JS char per byte, lossless. */
export function bytesToBinary(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode(...b.subarray(i, i + 4096));
  return s;
}

/** A Lua string constant encoded once (Fengari strings are byte arrays). */
export function lit(s: string): Uint8Array {
  return fengari.to_luastring(s, true);
}

/**
 * A Lua string made once per text and pushed as is: field values repeat (file and process
 * names), and a shared string keeps the table key computed on its first use, where
 * lua_pushstring copies the bytes into a new string each time.
 */
const internedStrings = new Map<string, unknown>();
const MAX_INTERNED = 4096;

function internedTString(s: string): unknown {
  let ts = internedStrings.get(s);
  if (ts === undefined) {
    ts = lstring.luaS_bless(null, fengari.to_luastring(s));
    if (internedStrings.size >= MAX_INTERNED) internedStrings.clear();
    internedStrings.set(s, ts);
  }
  return ts;
}

export function pushInterned(L: LuaState, s: string): void {
  lobject.pushsvalue2s(L, internedTString(s));
}

/** A Lua value where Fengari keeps one (a stack slot): its type tag and payload. */
export interface LuaSlot {
  type: number;
  value: unknown;
}

const T = (fengariModule('defs.js') as { constant_types: Record<string, number> }).constant_types;
const LUA_TNIL = T.LUA_TNIL!;
const LUA_TBOOLEAN = T.LUA_TBOOLEAN!;
const LUA_TLIGHTUSERDATA = T.LUA_TLIGHTUSERDATA!;
const LUA_TNUMFLT = T.LUA_TNUMFLT!;
const LUA_TLNGSTR = T.LUA_TLNGSTR!;

/** The payload of a light userdata slot, undefined for any other value. */
export function slotUserdata(slot: LuaSlot): unknown {
  return slot.type === LUA_TLIGHTUSERDATA ? slot.value : undefined;
}

/** Store a JS value into a slot, as pushApiValue would push it (strings interned, bytes copied). */
export function setSlot(slot: LuaSlot, v: number | string | boolean | Uint8Array | undefined): void {
  switch (typeof v) {
    case 'number':
      slot.type = LUA_TNUMFLT;
      slot.value = v;
      break;
    case 'string':
      slot.type = LUA_TLNGSTR;
      slot.value = internedTString(v);
      break;
    case 'boolean':
      slot.type = LUA_TBOOLEAN;
      slot.value = v;
      break;
    case 'undefined':
      slot.type = LUA_TNIL;
      slot.value = null;
      break;
    default:
      slot.type = LUA_TLNGSTR;
      slot.value = lstring.luaS_bless(null, v.slice());
  }
}

/**
 * A shortcut the VM takes for calls of `f` with exactly one argument (see the fast-call
 * patch in fengari-patches/vm.ts). The function is in stack[ra] and its argument in
 * stack[ra + 1]; `fast` stores its results from stack[ra] on, at most `nresults` of them,
 * and returns how many it stored (the VM makes the others nil); or it returns -1, having
 * done nothing, for the ordinary call to be made. It must not fail in any way the
 * ordinary call would not.
 */
export type FastCall = (stack: LuaSlot[], ra: number, nresults: number) => number;

export function setFastCall(f: JsFunction, fast: FastCall): void {
  (f as JsFunction & { luaFastCall?: FastCall }).luaFastCall = fast;
}
