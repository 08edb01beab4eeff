import test from 'ava';
import { fsPathFields, normalizeJoin } from '../../../sinsp/fields/classes/fspath.js';
import { PPME } from '../../../sinsp/generated/schema.js';
import { FdInfo, FdType } from '../../../sinsp/state/fd.js';
import { State } from '../../../sinsp/state/state.js';
import { addThread, context, i64, makeEvent, str, text, u32 } from '../helpers.js';

const P = fsPathFields;

function setup() {
  const state = new State();
  const th = addThread(state, { tid: 70, cwd: '/home/u/' });
  const dir = new FdInfo();
  Object.assign(dir, { fd: 5, type: FdType.DIRECTORY, name: '/var/lib' });
  th.fdTable.set(dir);
  return { ctx: context(state), th, dir };
}

const names = (ctx: ReturnType<typeof setup>['ctx'], ev: ReturnType<typeof makeEvent>) =>
  ['fs.path.name', 'fs.path.nameraw', 'fs.path.source', 'fs.path.sourceraw', 'fs.path.target', 'fs.path.targetraw']
    .map((n) => text(P, ctx, n, ev))
    .join('|');

test('single-path syscalls: raw and resolved against the working directory', (t) => {
  const { ctx, th } = setup();
  const unlink = makeEvent({ type: PPME.SYSCALL_UNLINK_2_X, params: [i64(0), str('tmp/../x.txt')] }, th);
  t.is(names(ctx, unlink), '/home/u/x.txt|tmp/../x.txt|<NA>|<NA>|<NA>|<NA>');
  const failed = makeEvent({ type: PPME.SYSCALL_UNLINK_2_X, params: [i64(-2), str('x')] }, th);
  t.is(names(ctx, failed), '<NA>|<NA>|<NA>|<NA>|<NA>|<NA>');
  const mkdir = makeEvent({ type: PPME.SYSCALL_MKDIR_2_X, params: [i64(0), str('/a//b/./c/')] }, th);
  t.is(text(P, ctx, 'fs.path.name', mkdir), '/a/b/c');
  // opens count as done unless the fd is -1
  const open = makeEvent({ type: PPME.SYSCALL_OPEN_X, params: [i64(-2), str('f'), u32(0), u32(0), u32(0)] }, th);
  t.is(text(P, ctx, 'fs.path.name', open), '/home/u/f');
  const eperm = makeEvent({ type: PPME.SYSCALL_OPEN_X, params: [i64(-1), str('f'), u32(0), u32(0), u32(0)] }, th);
  t.is(text(P, ctx, 'fs.path.name', eperm), '<NA>');
});

test('*at syscalls resolve against their directory fd', (t) => {
  const { ctx, th, dir } = setup();
  const ev = makeEvent({ type: PPME.SYSCALL_MKDIRAT_X, params: [i64(0), i64(5), str('new'), u32(0o755)] }, th, dir);
  t.is(text(P, ctx, 'fs.path.name', ev), '/var/lib/new');
  const nodir = makeEvent({ type: PPME.SYSCALL_MKDIRAT_X, params: [i64(0), i64(9), str('new'), u32(0o755)] }, th);
  t.is(text(P, ctx, 'fs.path.name', nodir), '<UNKNOWN>new');
});

test('source and target paths', (t) => {
  const { ctx, th } = setup();
  const rename = makeEvent({ type: PPME.SYSCALL_RENAME_X, params: [i64(0), str('a'), str('/b')] }, th);
  t.is(names(ctx, rename), '<NA>|<NA>|/home/u/a|a|/b|/b');
  const link = makeEvent({ type: PPME.SYSCALL_LINK_2_X, params: [i64(0), str('/old'), str('new')] }, th);
  t.is(names(ctx, link), '<NA>|<NA>|/home/u/new|new|/old|/old');
  const r2 = makeEvent({ type: PPME.SYSCALL_RENAMEAT2_X, params: [i64(0), i64(5), str('a'), i64(-100), str('b'), u32(0)] }, th);
  t.is(names(ctx, r2), '<NA>|<NA>|/var/lib/a|a|/home/u/b|b');
});

test('no thread: raw values only; other events: nothing', (t) => {
  const { ctx } = setup();
  const ev = makeEvent({ type: PPME.SYSCALL_UNLINK_2_X, params: [i64(0), str('x')], tid: 999 });
  t.is(names(ctx, ev), '<NA>|x|<NA>|<NA>|<NA>|<NA>');
  const read = makeEvent({ type: PPME.SYSCALL_READ_X, params: [i64(0)], tid: 999 });
  t.is(names(ctx, read), '<NA>|<NA>|<NA>|<NA>|<NA>|<NA>');
});

test('path normalisation of the current libs', (t) => {
  t.is(normalizeJoin('/home/u/', '../x'), '/home/x');
  t.is(normalizeJoin('/', '../../x'), '/x');
  t.is(normalizeJoin('', '/a/b/..'), '/a');
  t.is(normalizeJoin('/d/', 'a..b/.c'), '/d/a..b/.c');
  t.is(normalizeJoin('', '/'), '/');
});
