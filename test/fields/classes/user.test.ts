import test from 'ava';
import { userFields } from '../../../sinsp/fields/classes/user.js';
import { groupFields } from '../../../sinsp/fields/classes/group.js';
import { PPME } from '../../../sinsp/generated/schema.js';
import { State } from '../../../sinsp/state/state.js';
import { addThread, context, json, makeEvent, text, value } from '../helpers.js';

function setup() {
  const state = new State();
  state.users.set(1000, { uid: 1000, gid: 1000, name: 'bencer', homedir: '/home/bencer', shell: '/usr/bin/zsh' });
  state.users.set(0, { uid: 0, gid: 0, name: 'root', homedir: '/root', shell: '/bin/bash' });
  state.groups.set(1000, { gid: 1000, name: 'bencer' });
  const t = addThread(state, { tid: 10, uid: 1000, gid: 1000, loginuid: 0 });
  return { state, ctx: context(state), t, ev: makeEvent({ type: PPME.SYSCALL_READ_X }, t) };
}

test('user fields from the user list', (t) => {
  const { ctx, ev } = setup();
  t.is(value(userFields, ctx, 'user.uid', ev), 1000);
  t.is(text(userFields, ctx, 'user.name', ev), 'bencer');
  t.is(text(userFields, ctx, 'user.homedir', ev), '/home/bencer');
  t.is(text(userFields, ctx, 'user.shell', ev), '/usr/bin/zsh');
  t.is(value(userFields, ctx, 'user.loginuid', ev), 0);
  t.is(text(userFields, ctx, 'user.loginname', ev), 'root');
  t.is(json(userFields, ctx, 'user.uid', ev), '1000');
  t.is(json(userFields, ctx, 'user.name', ev), '"bencer"');
});

test('an unset login uid is -1 and has no name; unknown users have no name', (t) => {
  const { ctx, t: th, ev } = setup();
  th.loginuid = 0xffffffff;
  t.is(text(userFields, ctx, 'user.loginuid', ev), '-1');
  t.is(json(userFields, ctx, 'user.loginuid', ev), '-1');
  t.is(value(userFields, ctx, 'user.loginname', ev), undefined);
  th.uid = 4242;
  t.is(text(userFields, ctx, 'user.uid', ev), '4242');
  t.is(value(userFields, ctx, 'user.name', ev), undefined);
  t.is(value(userFields, ctx, 'user.shell', ev), undefined);
  th.uid = 0xffffffff;
  t.is(text(userFields, ctx, 'user.uid', ev), '4294967295');
  t.is(value(userFields, ctx, 'user.homedir', ev), undefined);
});

test('group fields', (t) => {
  const { ctx, t: th, ev } = setup();
  t.is(value(groupFields, ctx, 'group.gid', ev), 1000n);
  t.is(text(groupFields, ctx, 'group.name', ev), 'bencer');
  th.gid = 5;
  t.is(text(groupFields, ctx, 'group.gid', ev), '5');
  // sysdig 0.29.3 reads past the gid into the thread's child count
  th.nchilds = 6;
  t.is(value(groupFields, ctx, 'group.gid', ev), 25769803781n);
  t.is(json(groupFields, ctx, 'group.gid', ev), '25769803781');
  t.is(value(groupFields, ctx, 'group.name', ev), undefined);
  t.is(value(groupFields, ctx, 'group.name', ev), undefined);
});

test('no thread, no user or group', (t) => {
  const { ctx } = setup();
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X, tid: 99 });
  for (const f of userFields.fields) t.is(userFields.bind(f, undefined, ctx).extract(ev), undefined);
  for (const f of groupFields.fields) t.is(groupFields.bind(f, undefined, ctx).extract(ev), undefined);
});

test('these fields take no argument', (t) => {
  const { ctx } = setup();
  t.throws(() => userFields.bind(userFields.fields[0]!, '1', ctx), { message: 'unrecognized field user.uid[1]' });
});
