import test from 'ava';
import { concatenatePathStr, concatenatePaths } from '../../sinsp/state/paths.js';

const rel = (base: string, p: string): string => concatenatePathStr(base, p);

test('relative paths are appended to the base', (t) => {
  t.is(rel('/home/u/', 'file.txt'), '/home/u/file.txt');
  t.is(rel('/home/u/', 'a/b/'), '/home/u/a/b');
});

test('absolute paths ignore the base', (t) => {
  t.is(rel('/home/u/', '/etc/passwd'), '/etc/passwd');
  t.is(rel('/home/u/', '//etc///passwd'), '/etc/passwd');
});

test('dot and dot-dot components are resolved, never above the root', (t) => {
  t.is(rel('/a/b/', '../c'), '/a/c');
  t.is(rel('/a/b/', './c/./d'), '/a/b/c/d');
  t.is(rel('/a/b/', '..'), '/a');
  t.is(rel('/', '../../x'), '/x');
  t.is(rel('/a/', 'x/..'), '/a');
  t.is(rel('/a/', '..x'), '/a/..x');
});

test('an empty relative path gives the base without its trailing slash', (t) => {
  t.is(rel('/home/u/', ''), '/home/u');
  // libsinsp passes std::string sizes without the NUL: an empty one counts as absolute
  t.is(concatenatePathStr('/home/u/', '', false), '');
});

test('bytes that are not printable ASCII become dots', (t) => {
  const p = Buffer.from('caf\u00e9\x01.txt\0', 'utf8');
  // one dot per byte: two for the UTF-8 e-acute, one for the control character
  t.is(concatenatePaths('/', p, p.length), '/caf....txt');
});

test('a result longer than libscap paths allow is /PATH_TOO_LONG', (t) => {
  t.is(rel('/' + 'a'.repeat(600) + '/', 'b'.repeat(500)), '/PATH_TOO_LONG');
});

test('the base is copied as is (a directory fd name without a slash glues on)', (t) => {
  t.is(rel('<UNKNOWN>', 'x'), '<UNKNOWN>x');
});
