// Compiled Lua chunks, kept between runs: a chisel and the modules it requires are
// loaded from the binary dump of their compiled function (lua_dump) when there is one
// made from the very same source, instead of being parsed again. Fengari's parser is
// JavaScript, and cold when a chisel starts: parsing a chisel and its two or three
// modules took 15-30 ms of every chisel run, loading their dumps a fifth of that.
//
// The dumps live next to V8's code caches (dist/code-cache/, build output: tools/
// bundle.js clears it) and are written only by the build's warm-up run (code-cache.ts's
// writingCodeCaches), for the bundled chisels and for what the common jobs load. A dump's file
// name is a hash of the Fengari version, sinspect's edits to it, the chunk's name and
// its source; one that does not load is ignored. Debug information is kept, so errors
// still name the file and line.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CODE_CACHE_DIR, writingCodeCaches } from '../code-cache.js';
import { patchesFingerprint } from './fengari-bundle.js';
import { SOURCE_PATCHES } from './fengari-patches/index.js';
import { fengariVersion, lauxlib, lua, toLua, type LuaState } from './fengari.js';

let cacheDir = CODE_CACHE_DIR;
let salt: string | undefined;

/** another directory for the dumps (tests) */
export function setChunkCacheDir(dir: string): void {
  cacheDir = dir;
}

/** the dump's file for a chunk named `chunkname` with this source */
function dumpPath(source: Uint8Array, chunkname: string): string | undefined {
  if (cacheDir === undefined) return undefined;
  salt ??= `${fengariVersion}\0${patchesFingerprint(SOURCE_PATCHES)}\0`;
  const hash = createHash('sha1').update(salt).update(chunkname).update('\0').update(source).digest('hex').slice(0, 24);
  return join(cacheDir, `lua-${hash}.luac`);
}

/** loads the dump at `path` as chunk `chunkname`: true when its function is on the stack */
function loadDump(L: LuaState, path: string, chunkname: string): boolean {
  let bin: Buffer;
  try {
    bin = readFileSync(path);
  } catch {
    return false;
  }
  if (lauxlib.luaL_loadbufferx(L, bin, bin.length, toLua(chunkname), toLua('b')) === lua.LUA_OK) return true;
  lua.lua_pop(L, 1); // the error message: parse the source instead
  return false;
}

/** writes the function on top of the stack to `path` (the build's warm-up run only) */
function storeDump(L: LuaState, path: string): void {
  const parts: Uint8Array[] = [];
  const status = lua.lua_dump(
    L,
    (_L: LuaState, b: Uint8Array, size: number) => {
      parts.push(Uint8Array.from(b.subarray(0, size)));
      return 0;
    },
    null,
    0,
  );
  if (status !== 0) return;
  mkdirSync(cacheDir!, { recursive: true });
  writeFileSync(path, Buffer.concat(parts));
}

/**
 * luaL_loadbuffer for a chisel's source: its compiled function, or an error message, on
 * top of the stack; returns the status.
 */
export function loadChunk(L: LuaState, source: Uint8Array, chunkname: string): number {
  const path = dumpPath(source, chunkname);
  if (path !== undefined && loadDump(L, path, chunkname)) return lua.LUA_OK;
  const status = lauxlib.luaL_loadbuffer(L, source, null, toLua(chunkname));
  if (status === lua.LUA_OK && writingCodeCaches() && path !== undefined) storeDump(L, path);
  return status;
}

/** a name or mode Fengari hands luaL_loadfilex: a Lua string, or a JS string */
function text(s: Uint8Array | string): string {
  return typeof s === 'string' ? s : Buffer.from(s).toString('utf8');
}

/**
 * The chunk name and dump path of a file Fengari is asked to load, or undefined when
 * the file cannot be read (Fengari then reports that as it always did).
 */
function fileDump(filename: Uint8Array | string): { chunkname: string; path: string } | undefined {
  const file = text(filename);
  let source: Buffer;
  try {
    source = readFileSync(file);
  } catch {
    return undefined;
  }
  const chunkname = '@' + file;
  const path = dumpPath(source, chunkname);
  return path === undefined ? undefined : { chunkname, path };
}

/**
 * What the edited luaL_loadfilex consults (fengari-patches/loadfile.ts): files loaded
 * by `require` and dofile. Text-only loads (mode "t") are always parsed.
 */
const fileChunkCache = {
  load(L: LuaState, filename: Uint8Array | string, mode: Uint8Array | string | null | undefined): number | undefined {
    if (mode !== null && mode !== undefined && !text(mode).includes('b')) return undefined;
    const d = fileDump(filename);
    return d !== undefined && loadDump(L, d.path, d.chunkname) ? lua.LUA_OK : undefined;
  },
  store(L: LuaState, filename: Uint8Array | string): void {
    if (!writingCodeCaches()) return;
    const d = fileDump(filename);
    if (d !== undefined) storeDump(L, d.path);
  },
};

(lauxlib.luaL_loadfilex as unknown as { chunkCache?: typeof fileChunkCache }).chunkCache = fileChunkCache;
