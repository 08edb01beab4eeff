// Compiled Lua chunks kept between runs: a chisel's source and the modules it requires
// load from the dump of their compiled function when there is one made from the same
// source; otherwise (no dump, another source, a damaged dump) they are parsed. Errors
// still name the file and line.
import test from 'ava';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WRITE_ENV } from '../../sinsp/code-cache.js';
import { loadChunk, setChunkCacheDir } from '../../sinsp/chisel/lua-chunk-cache.js';
import { createLuaState, errorText } from '../../sinsp/chisel/lua-runtime.js';
import { lua, toLua } from '../../sinsp/chisel/fengari.js';
import { MemorySink } from '../../sinsp/chisel/output.js';

const dir = mkdtempSync(join(tmpdir(), 'sinspect-luac-'));
const cache = join(dir, 'cache');
setChunkCacheDir(cache);
writeFileSync(join(dir, 'helper.lua'), 'local M = {}\nfunction M.twice(x) return 2 * x end\nfunction M.fail() error("helper failed") end\nreturn M\n');

/** runs `src` as chunk `name` (with `dir` on the Lua path): what it printed, or its error */
function run(src: string, name: string, write: boolean): string {
  if (write) process.env[WRITE_ENV] = '1';
  else delete process.env[WRITE_ENV];
  const out = new MemorySink();
  const L = createLuaState({ stdout: out, stderr: out, packagePath: join(dir, '?.lua'), onExit: () => undefined });
  try {
    if (loadChunk(L, toLua(src), '@' + join(dir, name)) !== lua.LUA_OK || lua.lua_pcall(L, 0, 0, 0) !== lua.LUA_OK) return `error: ${errorText(L)}`;
    return out.text();
  } finally {
    lua.lua_close(L);
    delete process.env[WRITE_ENV];
  }
}

const dumps = (): string[] => {
  try {
    return readdirSync(cache).filter((f) => f.endsWith('.luac')).sort();
  } catch {
    return [];
  }
};

test.serial('without dumps chunks are parsed; the warm-up writes one per chunk and module, later runs load them', (t) => {
  const src = 'local h = require("helper")\nprint(h.twice(21))\n';
  t.is(run(src, 'main.lua', false), '42\n');
  t.deepEqual(dumps(), [], 'nothing is written outside the warm-up');
  t.is(run(src, 'main.lua', true), '42\n');
  const written = dumps();
  t.is(written.length, 2, 'the chunk and the module it requires');
  t.is(run(src, 'main.lua', false), '42\n');
  t.deepEqual(dumps(), written);
});

test.serial('errors from dumped chunks name the file and line', (t) => {
  const src = 'local h = require("helper")\n\nlocal y = nil + 1\n';
  run(src, 'bad.lua', true);
  t.is(run(src, 'bad.lua', false), `error: ${join(dir, 'bad.lua')}:3: attempt to perform arithmetic on a nil value`);
  const src2 = 'require("helper").fail()\n';
  run(src2, 'bad2.lua', true);
  t.regex(run(src2, 'bad2.lua', false), new RegExp(`^error: ${join(dir, 'helper.lua')}:3: helper failed`));
});

test.serial('another source or another name is not answered by a dump; a damaged dump is parsed around', (t) => {
  t.is(run('print("one")', 'x.lua', true), 'one\n');
  t.is(run('print("two")', 'x.lua', false), 'two\n', 'same name, other source');
  t.is(run('print("one")', 'y.lua', false), 'one\n', 'same source, other name');
  for (const f of dumps()) writeFileSync(join(cache, f), Buffer.from('\x1bLua garbage'));
  t.is(run('print("one")', 'x.lua', false), 'one\n');
  t.is(run('local h = require("helper") print(h.twice(2))', 'main.lua', false), '4\n');
});
