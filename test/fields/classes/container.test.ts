import test from 'ava';
import { containerFields } from '../../../sinsp/fields/classes/container.js';
import { globMatch } from '../../../sinsp/fields/classes/glob.js';
import { PPME } from '../../../sinsp/generated/schema.js';
import { ContainerType, newContainerInfo, State } from '../../../sinsp/state/state.js';
import { addThread, context, json, makeEvent, text, value } from '../helpers.js';

const C = containerFields;

function setup() {
  const state = new State();
  const c = newContainerInfo('59fd49aa4072', ContainerType.DOCKER);
  Object.assign(c, {
    name: 'example2_lb_1',
    image: 'haproxy:1.6',
    imageId: '2c5d4cd3f8f1',
    imageRepo: 'haproxy',
    imageTag: '1.6',
    imageDigest: '',
    privileged: true,
    mounts: [
      { source: '/var/lib/a', dest: '/data', mode: 'Z', rw: true, propagation: 'rprivate' },
      { source: '/etc/b', dest: '/conf/b', mode: '', rw: false, propagation: '' },
    ],
    probes: [{ kind: 'healthcheck', exe: 'curl', args: ['-f', 'http://localhost/'] }],
  });
  state.containers.set(c.id, c);
  const inside = addThread(state, { tid: 10, containerId: c.id });
  const host = addThread(state, { tid: 20 });
  const lost = addThread(state, { tid: 30, containerId: 'deadbeef0000' });
  const ev = (th = inside) => makeEvent({ type: PPME.SYSCALL_READ_X }, th);
  return { state, ctx: context(state), c, inside, host, lost, ev };
}

test('a known docker container', (t) => {
  const { ctx, ev } = setup();
  t.is(text(C, ctx, 'container.id', ev()), '59fd49aa4072');
  t.is(text(C, ctx, 'container.name', ev()), 'example2_lb_1');
  t.is(text(C, ctx, 'container.image', ev()), 'haproxy:1.6');
  t.is(text(C, ctx, 'container.image.id', ev()), '2c5d4cd3f8f1');
  t.is(text(C, ctx, 'container.image.repository', ev()), 'haproxy');
  t.is(text(C, ctx, 'container.image.tag', ev()), '1.6');
  t.is(text(C, ctx, 'container.image.digest', ev()), '<NA>');
  t.is(text(C, ctx, 'container.type', ev()), 'docker');
  t.is(value(C, ctx, 'container.privileged', ev()), true);
  t.is(json(C, ctx, 'container.privileged', ev()), 'true');
  t.is(text(C, ctx, 'container.mounts', ev()), '/var/lib/a:/data:Z:true:rprivate,/etc/b:/conf/b::false:');
  t.is(text(C, ctx, 'container.healthcheck', ev()), 'curl -f http://localhost/');
  t.is(text(C, ctx, 'container.liveness_probe', ev()), 'NONE');
  t.is(text(C, ctx, 'container.readiness_probe', ev()), 'NONE');
});

test('host threads', (t) => {
  const { ctx, ev, host } = setup();
  const e = ev(host);
  t.is(text(C, ctx, 'container.id', e), 'host');
  t.is(text(C, ctx, 'container.name', e), 'host');
  t.is(text(C, ctx, 'container.type', e), 'host');
  for (const name of ['container.image', 'container.image.id', 'container.privileged', 'container.mounts', 'container.healthcheck'])
    t.is(value(C, ctx, name, e), undefined, name);
  t.is(value(C, ctx, 'container.mount', e, '0'), undefined);
});

test('a container with no metadata has only its id', (t) => {
  const { ctx, ev, lost } = setup();
  const e = ev(lost);
  t.is(text(C, ctx, 'container.id', e), 'deadbeef0000');
  t.is(value(C, ctx, 'container.name', e), undefined);
  t.is(value(C, ctx, 'container.type', e), undefined);
  t.is(value(C, ctx, 'container.healthcheck', e), undefined);
});

test('empty names and images have no value; privileged is known for docker-like runtimes only', (t) => {
  const { ctx, ev, c } = setup();
  c.name = '';
  c.image = '';
  t.is(value(C, ctx, 'container.name', ev()), undefined);
  t.is(value(C, ctx, 'container.image', ev()), undefined);
  c.privileged = false;
  t.is(text(C, ctx, 'container.privileged', ev()), 'false');
  c.type = 'lxc';
  c.typeId = ContainerType.LXC;
  t.is(value(C, ctx, 'container.privileged', ev()), undefined);
  t.is(text(C, ctx, 'container.type', ev()), 'lxc');
  c.mounts = [];
  t.is(value(C, ctx, 'container.mounts', ev()), '');
});

test('single mounts by index or glob', (t) => {
  const { ctx, ev } = setup();
  t.is(text(C, ctx, 'container.mount', ev(), '0'), '/var/lib/a:/data:Z:true:rprivate');
  t.is(text(C, ctx, 'container.mount', ev(), '2'), '<NA>');
  t.is(text(C, ctx, 'container.mount', ev(), '/etc/*'), '/etc/b:/conf/b::false:');
  t.is(text(C, ctx, 'container.mount.dest', ev(), '/var/*'), '/data');
  // source is looked up by destination
  t.is(text(C, ctx, 'container.mount.source', ev(), '/conf/?'), '/etc/b');
  t.is(text(C, ctx, 'container.mount.source', ev(), '/etc/b'), '<NA>');
  t.is(text(C, ctx, 'container.mount.mode', ev(), '0'), 'Z');
  t.is(text(C, ctx, 'container.mount.rdwr', ev(), '1'), 'false');
  t.is(text(C, ctx, 'container.mount.propagation', ev(), '0'), 'rprivate');
  t.throws(() => C.bind(C.fields.find((f) => f.name === 'container.mount')!, undefined, ctx), {
    message: 'filter syntax error: container.mount',
  });
});

test('mount name parsing', (t) => {
  const parse = (s: string) => {
    const m = C.parseName!(s, 0);
    return m && { name: m.field.name, arg: m.arg, end: m.end };
  };
  t.deepEqual(parse('container.mount[0] x'), { name: 'container.mount', arg: '0', end: 18 });
  t.deepEqual(parse('container.mount.source[/a/*]'), { name: 'container.mount.source', arg: '/a/*', end: 28 });
  t.deepEqual(parse('container.mounts'), { name: 'container.mounts', arg: undefined, end: 16 });
  t.deepEqual(parse('container.image.id'), { name: 'container.image.id', arg: undefined, end: 18 });
  t.throws(() => parse('container.mount'), { message: 'filter syntax error: container.mount' });
  t.throws(() => parse('container.mount.foo[0]'), { message: 'filter syntax error: container.mount.foo[0]' });
  t.throws(() => parse('container.mount[0'), { message: 'filter syntax error: container.mount[0' });
});

test('fnmatch-style globs', (t) => {
  t.true(globMatch('/usr/*', '/usr/local/lib'));
  t.true(globMatch('/u?r/[a-m]*', '/usr/lib'));
  t.false(globMatch('/u?r/[!a-m]*', '/usr/lib'));
  t.true(globMatch('a\\*b', 'a*b'));
  t.false(globMatch('a\\*b', 'axb'));
  t.true(globMatch('', ''));
  t.false(globMatch('', 'x'));
  t.true(globMatch('[x', '[x'));
});
