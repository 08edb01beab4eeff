// Fengari's luaL_loadfilex (what `require` and dofile load Lua files with) asks
// sinspect's cache of compiled chunks first (lua-chunk-cache.ts): Fengari's parser,
// itself JavaScript that has not been optimized yet when a chisel starts, takes several
// times longer than loading the same function from its binary dump. The cache is an
// object set on the function (luaL_loadfilex.chunkCache) with `load` (a status, or
// undefined to parse as usual) and `store` (after a successful parse).
import type { SourcePatch } from './types.js';

export const LOADFILE_PATCHES: SourcePatch[] = [
  {
    file: 'lauxlib.js',
    why: 'luaL_loadfilex loads a cached compiled chunk when there is one',
    // the Node version of the function (the browser one throws for stdin instead)
    find: /(\n([ \t]*)luaL_loadfilex = function\(L, filename, mode\) \{\n)(\s*let lf = new LoadF\(\);\n\s*let fnameindex = lua_gettop\(L\) \+ 1;  \/\* index of filename on the stack \*\/\n\s*if \(filename === null\) \{\n\s*lua_pushliteral\(L, "=stdin"\);)/,
    replace: (_m: string, head: string, indent: string, rest: string) =>
      `${head}${indent}    const chunkCache = filename === null ? undefined : luaL_loadfilex.chunkCache;
${indent}    if (chunkCache !== undefined) {
${indent}        const cached = chunkCache.load(L, filename, mode);
${indent}        if (cached !== undefined) return cached;
${indent}    }
${rest}`,
  },
  {
    // (after the edit above, which declares chunkCache)
    file: 'lauxlib.js',
    why: 'luaL_loadfilex gives a chunk it parsed to the cache',
    find: /(if \(filename\) try \{ fs\.closeSync\(lf\.f\); \} catch \(e\) \{\}  \/\* close file \(even in case of errors\) \*\/\n(?:.*\n){4}([ \t]*)lua_remove\(L, fnameindex\);\n)/,
    replace: (_m: string, block: string, indent: string) =>
      `${block}${indent}if (status === 0 && chunkCache !== undefined) chunkCache.store(L, filename);\n`,
  },
];
