// mayReadThreadTable: table order is tracked only for runs whose chisels can reach
// sysdig.get_thread_table, directly, through chisel.exec or through a required module;
// what cannot be followed counts as a reader.
import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mayReadThreadTable } from '../../sinsp/chisel/thread-table-use.js';

const dir = mkdtempSync(join(tmpdir(), 'sinspect-ttu-')) + '/';
const files: Record<string, string> = {
  'plain.lua': 'function on_event() print(evt.field(f)) return true end',
  'reader.lua': 'function on_capture_end() local t = sysdig.get_thread_table() end',
  'execs-reader.lua': 'function on_init() chisel.exec("reader", "x") return true end',
  'execs-plain.lua': "function on_init() chisel.exec('plain') return true end",
  'execs-computed.lua': 'function on_init() chisel.exec(name_of_the_day()) return true end',
  'requires-reader.lua': 'local h = require "helpers.tables"\nfunction on_init() return true end',
  'requires-missing.lua': 'local lpeg = require ("lpeg")\nrequire "plainmod"\nfunction on_init() return true end',
  'requires-computed.lua': 'local m = require(modname)\nfunction on_init() return true end',
  'plainmod.lua': 'return {}',
  'jschisel.js': 'export default {}',
};
for (const [name, src] of Object.entries(files)) writeFileSync(join(dir, name), src);
mkdirSync(join(dir, 'helpers'));
writeFileSync(join(dir, 'helpers', 'tables.lua'), 'return { all = function() return sysdig.get_thread_table() end }');
const dirs = [dir];

test('a chisel that reads nothing of the thread table', (t) => {
  t.false(mayReadThreadTable(['plain'], dirs));
  t.false(mayReadThreadTable(['execs-plain'], dirs));
  t.false(mayReadThreadTable(['requires-missing'], dirs), 'a module nowhere to be found cannot be loaded');
  t.false(mayReadThreadTable(['no-such-chisel'], dirs));
});

test('a chisel that reads it, directly or through what it runs or requires', (t) => {
  t.true(mayReadThreadTable(['reader'], dirs));
  t.true(mayReadThreadTable(['execs-reader'], dirs));
  t.true(mayReadThreadTable(['requires-reader'], dirs), 'require "a.b" is a/b.lua');
  t.true(mayReadThreadTable(['plain', 'reader'], dirs), 'any of several');
});

test('what cannot be followed counts as a reader', (t) => {
  t.true(mayReadThreadTable(['execs-computed'], dirs));
  t.true(mayReadThreadTable(['requires-computed'], dirs));
  t.true(mayReadThreadTable(['jschisel'], dirs));
});

test('sysdig 0.29.3\'s own chisels', (t) => {
  const sysdigDir = '/usr/share/sysdig/chisels/';
  if (!existsSync(sysdigDir)) return t.pass('sysdig is not installed');
  for (const name of ['topfiles_bytes', 'topprocs_cpu', 'spy_users', 'echo_fds']) t.false(mayReadThreadTable([name], [sysdigDir]), name);
  for (const name of ['ps', 'lsof', 'netstat']) t.true(mayReadThreadTable([name], [sysdigDir]), name);
});
