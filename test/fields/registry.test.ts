import test from 'ava';
import { createRegistry } from '../../sinsp/fields/registry.js';
import { listFields, typeName } from '../../sinsp/fields/list.js';
import { FieldError, FieldFlag } from '../../sinsp/fields/types.js';
import { PPME, PT } from '../../sinsp/generated/schema.js';
import { State } from '../../sinsp/state/state.js';
import { addThread, context, i64, makeEvent } from './helpers.js';

function registry() {
  const state = new State();
  return { state, r: createRegistry(context(state)) };
}

test('classes in sysdig order', (t) => {
  const { r } = registry();
  t.deepEqual(
    r.classes.map((c) => c.name),
    ['evt', 'evt', 'process', 'user', 'group', 'container', 'fd', 'syslog', 'util', 'fdlist', 'k8s', 'mesos', 'fs.path'],
  );
});

test('scan: the longest field name at the position, arguments included', (t) => {
  const { r } = registry();
  const fmt = '*%evt.num|@|%proc.name|@|%thread.cgroup.memory|@|%proc.aname[1] %fd.cip.name,%container.mount[0]';
  t.deepEqual(r.scan(fmt, 2), { name: 'evt.num', arg: undefined, end: 9 });
  t.deepEqual(r.scan(fmt, 13), { name: 'proc.name', arg: undefined, end: 22 });
  t.deepEqual(r.scan(fmt, 26), { name: 'thread.cgroup', arg: 'memory', end: 46 });
  t.deepEqual(r.scan(fmt, 50), { name: 'proc.aname', arg: '1', end: 63 });
  t.deepEqual(r.scan(fmt, 65), { name: 'fd.cip.name', arg: undefined, end: 76 });
  t.deepEqual(r.scan(fmt, 78), { name: 'container.mount', arg: '0', end: 96 });
  // a prefix is enough: the rest is literal text for the formatter, an error for a filter
  t.deepEqual(r.scan('proc.namex', 0), { name: 'proc.name', arg: undefined, end: 9 });
  t.deepEqual(r.scan('fd.rport', 0), { name: 'fd.rport', arg: undefined, end: 8 });
  t.deepEqual(r.scan('user.loginname', 0), { name: 'user.loginname', arg: undefined, end: 14 });
  t.is(r.scan('foo.bar', 0), undefined);
  t.is(r.scan('proc', 0), undefined);
});

test('scan: an ancestor field followed by text takes nothing, as in sysdig', (t) => {
  const { r } = registry();
  t.deepEqual(r.scan('%proc.apid|@|', 1), { name: 'proc.apid', arg: undefined, end: 1 });
  t.deepEqual(r.scan('proc.apid', 0), { name: 'proc.apid', arg: undefined, end: 9 });
});

test('scan: syntax errors name the rest of the text', (t) => {
  const { r } = registry();
  t.throws(() => r.scan('x %thread.cgroup %evt.num', 3), { instanceOf: FieldError, message: 'filter syntax error: thread.cgroup %evt.num' });
  t.throws(() => r.scan('container.mount', 0), { instanceOf: FieldError, message: 'filter syntax error: container.mount' });
});

test('resolve: extractors and one-line errors', (t) => {
  const { r, state } = registry();
  const th = addThread(state, { tid: 42, comm: 'nginx', cgroups: [['memory', '/m']] });
  const ev = makeEvent({ type: PPME.SYSCALL_READ_X, params: [i64(0)] }, th);
  const name = r.resolve('proc.name', undefined);
  t.is(name.info.name, 'proc.name');
  t.is(name.type, PT.CHARBUF);
  t.is(name.extract(ev), 'nginx');
  t.is(r.resolve('thread.cgroup', 'memory').extract(ev), '/m');
  t.is(r.resolve('proc.aname', '0').render('nginx', ev), 'nginx');
  t.throws(() => r.resolve('foo.bar', undefined), { instanceOf: FieldError, message: 'unrecognized field foo.bar' });
  t.throws(() => r.resolve('fd.name', '3'), { instanceOf: FieldError, message: 'unrecognized field fd.name[3]' });
  t.throws(() => r.resolve('thread.cgroup', undefined), { instanceOf: FieldError, message: 'filter syntax error: thread.cgroup' });
  t.throws(() => r.resolve('proc.apid', 'x'), { instanceOf: FieldError, message: 'unrecognized field proc.apid[x]' });
  t.true(((r.resolve('fd.net', undefined).info.flags ?? 0) & FieldFlag.FILTER_ONLY) !== 0);
});

test('-l layout: class headers, a 30-column name block, wrapped descriptions', (t) => {
  const { r } = registry();
  const text = listFields(r);
  const lines = text.split('\n');
  const proc = lines.indexOf('Field Class:                  process');
  t.true(proc > 0);
  t.is(lines[proc - 1], '-------------------------------');
  t.true(lines[proc + 1]!.startsWith('Description:                  '));
  t.is(lines[proc + 2], '');
  t.true(lines[proc + 3]!.startsWith('proc.pid                      '));
  // every line fits in 120 columns; continuation lines are indented by 30
  for (const l of lines) t.true(l.length <= 120, l);
  t.true(lines.some((l) => l === 'proc.is_container_liveness_probe'));
  t.regex(text, /\nfd\.ip {25}\(FILTER ONLY\) /);
  // hidden fields and classes are not listed
  t.false(text.includes('thread.vmsize.b'));
  t.false(text.includes('util.cnt'));
  t.true(text.endsWith('\n\n'));
  t.regex(listFields(r, { verbose: true }), /\nproc\.pid {22}\(Type: INT64\) /);
});

test('--list-markdown layout', (t) => {
  const { r } = registry();
  const md = listFields(r, { markdown: true });
  t.true(md.includes('\n## Field Class: container\n\n'));
  t.true(md.includes('Name | Type | Description\n:----|:-----|:-----------\n`container.id` | CHARBUF | '));
  t.true(md.includes('`fd.net` | IPNET | matches'));
  t.false(md.includes('FILTER ONLY'));
});

test('type names as sysdig prints them', (t) => {
  t.is(typeName(PT.DYN), 'DYNAMIC');
  t.is(typeName(PT.IPNET), 'IPNET');
  t.is(typeName(PT.RELTIME), 'RELTIME');
  t.is(typeName(PT.IPV6ADDR), '<NA>');
});
