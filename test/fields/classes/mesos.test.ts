import test from 'ava';
import { mesosFields } from '../../../sinsp/fields/classes/mesos.js';
import { FieldError } from '../../../sinsp/fields/types.js';
import { PPME } from '../../../sinsp/generated/schema.js';
import { ContainerType, newContainerInfo, State } from '../../../sinsp/state/state.js';
import { addThread, context, json, makeEvent, text } from '../helpers.js';

const M = mesosFields;

test('sysdig 0.29.3 listing: the mesos class holds the marathon fields too', (t) => {
  t.is(M.name, 'mesos');
  t.deepEqual(
    M.fields.map((f) => f.name),
    [
      'mesos.task.name', 'mesos.task.id', 'mesos.task.label', 'mesos.task.labels', 'mesos.framework.name',
      'mesos.framework.id', 'marathon.app.name', 'marathon.app.id', 'marathon.app.label', 'marathon.app.labels',
      'marathon.group.name', 'marathon.group.id',
    ],
  );
});

test('no field has a value without a Mesos master, even for a container with a task id', (t) => {
  const state = new State();
  const c = newContainerInfo('0123456789ab', ContainerType.MESOS);
  c.mesosTaskId = 'web.4f3a';
  c.labels = new Map([['io.kubernetes.pod.name', 'x']]);
  state.containers.set(c.id, c);
  const inTask = addThread(state, { tid: 10, containerId: c.id });
  const ctx = context(state);
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X }, inTask);
  for (const f of M.fields) {
    const arg = f.name.endsWith('.label') ? 'env' : undefined;
    t.is(text(M, ctx, f.name, ev, arg), '<NA>', f.name);
    t.is(json(M, ctx, f.name, ev, arg), 'null', f.name);
  }
});

test('name parsing and binding: label.KEY only, as in sysdig 0.29.3', (t) => {
  const parse = (s: string) => {
    const m = M.parseName!(s, 0);
    return m && { name: m.field.name, arg: m.arg, end: m.end };
  };
  t.deepEqual(parse('mesos.task.label.env=prod'), { name: 'mesos.task.label', arg: 'env', end: 20 });
  t.deepEqual(parse('marathon.app.label.a/b-c.d x'), { name: 'marathon.app.label', arg: 'a/b-c.d', end: 26 });
  t.deepEqual(parse('marathon.app.labels'), { name: 'marathon.app.labels', arg: undefined, end: 19 });
  t.deepEqual(parse('marathon.group.id'), { name: 'marathon.group.id', arg: undefined, end: 17 });
  t.is(parse('marathon.app'), undefined);
  t.throws(() => parse('mesos.task.label[env]'), { instanceOf: FieldError, message: 'filter syntax error: mesos.task.label[env]' });
  t.throws(() => parse('marathon.app.label'), { instanceOf: FieldError, message: 'filter syntax error: marathon.app.label' });
  const ctx = context();
  const bind = (name: string, arg?: string) => M.bind(M.fields.find((f) => f.name === name)!, arg, ctx);
  t.throws(() => bind('mesos.task.label'), { instanceOf: FieldError, message: 'filter syntax error: mesos.task.label' });
  t.throws(() => bind('mesos.task.name', 'x'), { instanceOf: FieldError, message: 'unrecognized field mesos.task.name[x]' });
});
