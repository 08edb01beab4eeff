// Lua chisels: a Fengari state per chisel, running the script file unmodified.
import { loadChunk } from './lua-chunk-cache.js';
import { readFileSync } from 'node:fs';
import { lua, lauxlib, lit, toLua, fromLua, type LuaState } from './fengari.js';
import { createLuaState, errorText } from './lua-runtime.js';
import { installApi } from './lua-api.js';
import { installEngineModule } from './lua-engine-module.js';
import { luaPackagePath } from './dirs.js';
import type { ChiselArgDesc } from './args.js';
import type { ChiselImpl, ChiselInfo, ChiselIo, HookName } from './chisel.js';
import { ChiselError, ChiselExit } from './errors.js';
import type { ChiselRuntime } from './runtime.js';

const HOOK_NAMES: Record<HookName, Uint8Array> = {
  on_set_arg: lit('on_set_arg'),
  on_init: lit('on_init'),
  on_capture_start: lit('on_capture_start'),
  on_event: lit('on_event'),
  on_interval: lit('on_interval'),
  on_capture_end: lit('on_capture_end'),
};

function globalString(L: LuaState, name: string): string | undefined {
  lua.lua_getglobal(L, lit(name));
  const t = lua.lua_type(L, -1) as number;
  const v = t === lua.LUA_TSTRING || t === lua.LUA_TNUMBER ? fromLua(lua.lua_tostring(L, -1) as Uint8Array) : undefined;
  lua.lua_pop(L, 1);
  return v;
}

/** The key at -2 as text, for messages. */
function keyText(L: LuaState): string {
  const t = lua.lua_type(L, -2) as number;
  if (t === lua.LUA_TSTRING || t === lua.LUA_TNUMBER) return fromLua(lua.lua_tostring(L, -2) as Uint8Array);
  return '?';
}

/** Read the `args` table (on top of the stack) in LuaJIT's order: the list first, then other keys. */
function parseArgs(L: LuaState, out: ChiselInfo): void {
  const n = lua.lua_rawlen(L, -1) as number;
  const take = (): void => {
    const t = lua.lua_type(L, -1) as number;
    if (t === lua.LUA_TSTRING || t === lua.LUA_TNUMBER) {
      // sysdig takes a bare string in `args` as the description
      out.description = fromLua(lua.lua_tostring(L, -1) as Uint8Array);
    } else if (t === lua.LUA_TTABLE) {
      out.args.push(parseArg(L));
    } else {
      throw new ChiselError(`${keyText(L)} is not a string`);
    }
  };
  for (let i = 1; i <= n; i++) {
    lua.lua_pushnumber(L, i);
    lua.lua_rawgeti(L, -2, i);
    take();
    lua.lua_pop(L, 2);
  }
  lua.lua_pushnil(L);
  while (lua.lua_next(L, -2) !== 0) {
    const isListKey = lua.lua_type(L, -2) === lua.LUA_TNUMBER && Number.isInteger(lua.lua_tonumber(L, -2)) &&
      (lua.lua_tonumber(L, -2) as number) >= 1 && (lua.lua_tonumber(L, -2) as number) <= n;
    if (!isListKey) take();
    lua.lua_pop(L, 1);
  }
}

function parseArg(L: LuaState): ChiselArgDesc {
  const d: ChiselArgDesc = { name: '', argtype: '', description: '', optional: false };
  lua.lua_pushnil(L);
  while (lua.lua_next(L, -2) !== 0) {
    const key = keyText(L);
    const t = lua.lua_type(L, -1) as number;
    if (t === lua.LUA_TSTRING || t === lua.LUA_TNUMBER) {
      const v = fromLua(lua.lua_tostring(L, -1) as Uint8Array);
      if (key === 'name') d.name = v;
      else if (key === 'argtype') d.argtype = v;
      else if (key === 'description') d.description = v;
    } else if (t === lua.LUA_TBOOLEAN) {
      if (key === 'optional') d.optional = lua.lua_toboolean(L, -1) as boolean;
    } else {
      throw new ChiselError(`${key} is not a string`);
    }
    lua.lua_pop(L, 1);
  }
  return d;
}

export class LuaChiselImpl implements ChiselImpl {
  readonly info: ChiselInfo;
  private L: LuaState | undefined;
  private exitCode: number | undefined;
  private onEventRef: number | undefined;

  /**
   * Load and run the script at `path`. `name` is the name the user gave (for messages).
   * Throws ChiselError("Failed to load chisel NAME: file:line: ...") on syntax or load errors.
   */
  constructor(name: string, path: string, rt: ChiselRuntime, io: ChiselIo, dirs: string[]) {
    this.info = { name, path, description: '', shortDescription: '', category: '', args: [], hidden: false };
    let src: Uint8Array;
    try {
      src = readFileSync(path);
    } catch (e) {
      throw new ChiselError(`can't open file ${name}: ${(e as Error).message}`);
    }
    const L = createLuaState({
      stdout: io.stdout,
      stderr: io.stderr,
      packagePath: luaPackagePath(dirs),
      onExit: (code) => {
        this.exitCode = code;
      },
    });
    this.L = L;
    installApi(L, rt, io.stderr);
    installEngineModule(L, rt);
    if (loadChunk(L, src, '@' + path) !== lua.LUA_OK || lua.lua_pcall(L, 0, 0, 0) !== lua.LUA_OK) {
      this.checkExit();
      const msg = errorText(L);
      this.close();
      throw new ChiselError(`Failed to load chisel ${name}: ${msg}`);
    }
    this.info.description = globalString(L, 'description') ?? '';
    this.info.shortDescription = globalString(L, 'short_description') ?? '';
    this.info.category = globalString(L, 'category') ?? '';
    lua.lua_getglobal(L, lit('hidden'));
    this.info.hidden = lua.lua_isboolean(L, -1) && (lua.lua_toboolean(L, -1) as boolean);
    lua.lua_pop(L, 1);
    lua.lua_getglobal(L, lit('args'));
    if (!lua.lua_istable(L, -1)) {
      this.close();
      throw new ChiselError(`Failed to load chisel ${name}: args table missing`);
    }
    try {
      parseArgs(L, this.info);
    } catch (e) {
      this.close();
      throw new ChiselError(`Failed to load chisel ${name}: ${(e as Error).message}`);
    }
    lua.lua_pop(L, 1);
  }

  /** The globals `description` and `view_info`, for deciding whether -cl lists this chisel. */
  isView(): boolean {
    const L = this.L!;
    lua.lua_getglobal(L, lit('description'));
    const hasDesc = lua.lua_type(L, -1) === lua.LUA_TSTRING;
    lua.lua_pop(L, 1);
    lua.lua_getglobal(L, lit('view_info'));
    const hasView = !lua.lua_isnoneornil(L, -1);
    lua.lua_pop(L, 1);
    return !hasDesc && hasView;
  }

  hasHook(hook: HookName): boolean {
    const L = this.L;
    if (!L) return false;
    lua.lua_getglobal(L, HOOK_NAMES[hook]);
    const r = lua.lua_isfunction(L, -1) as boolean;
    lua.lua_pop(L, 1);
    return r;
  }

  call(hook: HookName, args: Array<number | string>): boolean | undefined | 'other' {
    if (hook === 'on_event' && args.length === 0) return this.onEvent();
    const L = this.L!;
    lua.lua_getglobal(L, HOOK_NAMES[hook]);
    for (const a of args) {
      if (typeof a === 'number') lua.lua_pushnumber(L, a);
      else lua.lua_pushstring(L, toLua(a));
    }
    return this.finishCall(L, args.length);
  }

  onEvent(): boolean | undefined | 'other' {
    const L = this.L!;
    // fetched through a registry reference, not by global name (hashing the name
    // dominates a trivial on_event)
    if (this.onEventRef === undefined) {
      lua.lua_getglobal(L, HOOK_NAMES.on_event);
      this.onEventRef = lauxlib.luaL_ref(L, lua.LUA_REGISTRYINDEX) as number;
    }
    lua.lua_rawgeti(L, lua.LUA_REGISTRYINDEX, this.onEventRef);
    return this.finishCall(L, 0);
  }

  /** pcall the function and arguments on the stack; its first result, as call() returns it */
  private finishCall(L: LuaState, nargs: number): boolean | undefined | 'other' {
    if (lua.lua_pcall(L, nargs, 1, 0) !== lua.LUA_OK) {
      this.checkExit();
      const msg = errorText(L);
      lua.lua_pop(L, 1);
      throw new ChiselError(msg);
    }
    // os.exit() inside a pcall of the chisel's own still ends the run
    this.checkExit();
    const t = lua.lua_type(L, -1) as number;
    const r = t === lua.LUA_TBOOLEAN ? (lua.lua_toboolean(L, -1) as boolean) : t === lua.LUA_TNIL ? undefined : 'other';
    lua.lua_pop(L, 1);
    return r;
  }

  private checkExit(): void {
    if (this.exitCode === undefined) return;
    const code = this.exitCode;
    this.exitCode = undefined;
    throw new ChiselExit(code);
  }

  close(): void {
    if (this.L) lua.lua_close(this.L);
    this.L = undefined;
  }
}
