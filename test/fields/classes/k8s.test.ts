import test from 'ava';
import { k8sFields } from '../../../sinsp/fields/classes/k8s.js';
import { FieldError } from '../../../sinsp/fields/types.js';
import { PPME } from '../../../sinsp/generated/schema.js';
import { ContainerType, newContainerInfo, State } from '../../../sinsp/state/state.js';
import { addThread, context, json, makeEvent, text, value } from '../helpers.js';

const K = k8sFields;
const SANDBOX = 'a1b2c3d4e5f6';
const APP = '0f9e8d7c6b5a';

/** a pod: its sandbox ("pause") container and one app container, with the labels a CRI runtime sets */
function pod() {
  const state = new State();
  const sandbox = newContainerInfo(SANDBOX, ContainerType.CRI);
  sandbox.labels = new Map([
    ['io.kubernetes.pod.name', 'web-0'],
    ['io.kubernetes.pod.namespace', 'shop'],
    ['io.kubernetes.pod.uid', '6f2c9a7e-1d2b-4c1a-9e0f-3a5b7c9d1e2f'],
    ['tier', 'front'],
    ['app', 'web'],
    ['canary', ''],
    ['app.kubernetes.io/name', 'storefront'],
    ['annotation.kubernetes.io/config.seen', '2024-01-01'],
    ['io.kubernetes.container.name', 'POD'],
  ]);
  const app = newContainerInfo(APP, ContainerType.CRI);
  app.labels = new Map([
    ['io.kubernetes.pod.name', 'web-0'],
    ['io.kubernetes.pod.namespace', 'shop'],
    ['io.kubernetes.pod.uid', '6f2c9a7e-1d2b-4c1a-9e0f-3a5b7c9d1e2f'],
    // runtimes give the sandbox's full id; containers are known by the first 12 characters
    ['io.kubernetes.sandbox.id', SANDBOX + '0123456789abcdef0123456789abcdef0123456789abcdef0123'],
    ['io.kubernetes.container.name', 'nginx'],
  ]);
  state.containers.set(SANDBOX, sandbox);
  state.containers.set(APP, app);
  const inApp = addThread(state, { tid: 10, containerId: APP });
  const inSandbox = addThread(state, { tid: 11, containerId: SANDBOX });
  const host = addThread(state, { tid: 12 });
  const ev = (th = inApp) => makeEvent({ type: PPME.SYSCALL_READ_X }, th);
  return { state, ctx: context(state), sandbox, app, inApp, inSandbox, host, ev };
}

test('pod name, uid and namespace come from the labels of the thread\'s container', (t) => {
  const { ctx, ev, inSandbox } = pod();
  t.is(text(K, ctx, 'k8s.pod.name', ev()), 'web-0');
  t.is(text(K, ctx, 'k8s.pod.id', ev()), '6f2c9a7e-1d2b-4c1a-9e0f-3a5b7c9d1e2f');
  t.is(text(K, ctx, 'k8s.ns.name', ev()), 'shop');
  t.is(json(K, ctx, 'k8s.ns.name', ev()), '"shop"');
  t.is(text(K, ctx, 'k8s.pod.name', ev(inSandbox)), 'web-0');
});

test('pod labels come from the sandbox named by io.kubernetes.sandbox.id', (t) => {
  const { ctx, ev } = pod();
  t.is(text(K, ctx, 'k8s.pod.label', ev(), 'app'), 'web');
  t.is(text(K, ctx, 'k8s.pod.label', ev(), 'app.kubernetes.io/name'), 'storefront');
  // an empty value is a value
  t.is(value(K, ctx, 'k8s.pod.label', ev(), 'canary'), '');
  t.is(json(K, ctx, 'k8s.pod.label', ev(), 'canary'), '""');
  // the sandbox's internal labels are labels too when asked for by name
  t.is(text(K, ctx, 'k8s.pod.label', ev(), 'io.kubernetes.container.name'), 'POD');
  t.is(value(K, ctx, 'k8s.pod.label', ev(), 'nope'), undefined);
  t.is(value(K, ctx, 'k8s.pod.label', ev(), ''), undefined);
});

test('k8s.pod.labels: key order, internal keys left out, the key alone for an empty value', (t) => {
  const { ctx, ev } = pod();
  t.is(text(K, ctx, 'k8s.pod.labels', ev()), 'app:web, app.kubernetes.io/name:storefront, canary, tier:front');
  t.is(json(K, ctx, 'k8s.pod.labels', ev()), '"app:web, app.kubernetes.io/name:storefront, canary, tier:front"');
});

test('k8s.pod.labels orders keys by their UTF-8 bytes, as std::map does', (t) => {
  const { ctx, ev, sandbox } = pod();
  // UTF-16 puts U+1F600 (a surrogate pair) before U+FFFF; UTF-8 puts it after
  sandbox.labels = new Map([
    ['\u{1F600}', 'emoji'],
    ['\uFFFF', 'last BMP'],
    ['Z', 'upper'],
    ['a', 'lower'],
    ['io.kubernetes.pod.name', 'x'],
  ]);
  t.is(text(K, ctx, 'k8s.pod.labels', ev()), 'Z:upper, a:lower, \uFFFF:last BMP, \u{1F600}:emoji');
});

test('k8s.pod.labels: a sandbox with internal labels only gives an empty text', (t) => {
  const { ctx, ev, sandbox } = pod();
  sandbox.labels = new Map([['io.kubernetes.pod.name', 'web-0'], ['annotation.x', 'y']]);
  t.is(value(K, ctx, 'k8s.pod.labels', ev()), '');
});

test('the sandbox itself names no sandbox: no pod labels for its threads', (t) => {
  const { ctx, ev, inSandbox } = pod();
  t.is(value(K, ctx, 'k8s.pod.labels', ev(inSandbox)), undefined);
  t.is(value(K, ctx, 'k8s.pod.label', ev(inSandbox), 'app'), undefined);
});

test('pod labels need a known sandbox with labels', (t) => {
  const { ctx, ev, app, sandbox, state } = pod();
  sandbox.labels = new Map();
  t.is(value(K, ctx, 'k8s.pod.labels', ev()), undefined);
  t.is(value(K, ctx, 'k8s.pod.label', ev(), 'app'), undefined);
  state.containers.delete(SANDBOX);
  t.is(value(K, ctx, 'k8s.pod.labels', ev()), undefined);
  // a short sandbox id is looked up as it is
  app.labels.set('io.kubernetes.sandbox.id', 'a1b2');
  const short = newContainerInfo('a1b2', ContainerType.CRI);
  short.labels = new Map([['team', 'blue']]);
  state.containers.set('a1b2', short);
  t.is(text(K, ctx, 'k8s.pod.labels', ev()), 'team:blue');
  // the pod's own fields do not depend on the sandbox
  t.is(text(K, ctx, 'k8s.pod.name', ev()), 'web-0');
});

test('a container without the pod labels: no value; an empty label: an empty value', (t) => {
  const { ctx, ev, app } = pod();
  app.labels = new Map([['io.kubernetes.pod.name', ''], ['maintainer', 'me']]);
  t.is(value(K, ctx, 'k8s.pod.name', ev()), '');
  t.is(text(K, ctx, 'k8s.pod.name', ev()), '');
  t.is(json(K, ctx, 'k8s.pod.name', ev()), '""');
  t.is(value(K, ctx, 'k8s.ns.name', ev()), undefined);
  t.is(value(K, ctx, 'k8s.pod.id', ev()), undefined);
  t.is(value(K, ctx, 'k8s.pod.labels', ev()), undefined);
});

test('no value outside a labelled, known container', (t) => {
  const { ctx, ev, host, app, state } = pod();
  const lost = addThread(state, { tid: 13, containerId: 'feedfacecafe' });
  const names = ['k8s.pod.name', 'k8s.pod.id', 'k8s.ns.name', 'k8s.pod.labels'];
  for (const th of [host, lost]) {
    for (const name of names) t.is(value(K, ctx, name, ev(th)), undefined, name);
    t.is(value(K, ctx, 'k8s.pod.label', ev(th), 'app'), undefined);
  }
  app.labels = new Map();
  for (const name of names) t.is(value(K, ctx, name, ev()), undefined, name);
  const noThread = makeEvent({ type: PPME.SYSCALL_READ_X });
  for (const name of names) t.is(value(K, ctx, name, noThread), undefined, name);
});

test('fields only an API server knows have no value, even in a labelled pod', (t) => {
  const { ctx, ev } = pod();
  for (const f of K.fields) {
    if (['k8s.pod.name', 'k8s.pod.id', 'k8s.pod.label', 'k8s.pod.labels', 'k8s.ns.name'].includes(f.name)) continue;
    const arg = f.name.endsWith('.label') ? 'app' : undefined;
    t.is(text(K, ctx, f.name, ev(), arg), '<NA>', f.name);
    t.is(json(K, ctx, f.name, ev(), arg), 'null', f.name);
  }
});

test('sysdig 0.29.3 listing: 24 text fields in its order, label fields take a key', (t) => {
  t.is(K.name, 'k8s');
  const objects = ['pod', 'rc', 'svc', 'ns', 'rs', 'deployment'];
  t.deepEqual(
    K.fields.map((f) => f.name),
    objects.flatMap((o) => ['name', 'id', 'label', 'labels'].map((p) => `k8s.${o}.${p}`)),
  );
  for (const f of K.fields) t.true(f.desc.length > 0, f.name);
});

test('binding: label fields need a key, the others take none', (t) => {
  const { ctx } = pod();
  const bind = (name: string, arg?: string) => K.bind(K.fields.find((f) => f.name === name)!, arg, ctx);
  t.throws(() => bind('k8s.pod.label'), { instanceOf: FieldError, message: 'filter syntax error: k8s.pod.label' });
  t.throws(() => bind('k8s.rc.label'), { instanceOf: FieldError, message: 'filter syntax error: k8s.rc.label' });
  t.throws(() => bind('k8s.pod.name', 'x'), { instanceOf: FieldError, message: 'unrecognized field k8s.pod.name[x]' });
  t.throws(() => bind('k8s.pod.labels', 'x'), { instanceOf: FieldError, message: 'unrecognized field k8s.pod.labels[x]' });
  t.notThrows(() => bind('k8s.ns.label', 'team'));
});

test('name parsing: label.KEY with / - . in keys; no [KEY] form, as in sysdig 0.29.3', (t) => {
  const parse = (s: string, pos = 0) => {
    const m = K.parseName!(s, pos);
    return m && { name: m.field.name, arg: m.arg, end: m.end };
  };
  t.deepEqual(parse('k8s.pod.label.app=web'), { name: 'k8s.pod.label', arg: 'app', end: 17 });
  t.deepEqual(parse('%k8s.pod.label.app.kubernetes.io/name:%proc.name', 1), {
    name: 'k8s.pod.label',
    arg: 'app.kubernetes.io/name',
    end: 37,
  });
  t.deepEqual(parse('k8s.svc.label.a-b_c9 x'), { name: 'k8s.svc.label', arg: 'a-b_c9', end: 20 });
  t.deepEqual(parse('k8s.deployment.label.'), { name: 'k8s.deployment.label', arg: '', end: 21 });
  // 'labels' is the other field, and a prefix match like every field name
  t.deepEqual(parse('k8s.pod.labels'), { name: 'k8s.pod.labels', arg: undefined, end: 14 });
  t.deepEqual(parse('k8s.rc.labelsx'), { name: 'k8s.rc.labels', arg: undefined, end: 13 });
  t.deepEqual(parse('k8s.pod.namex'), { name: 'k8s.pod.name', arg: undefined, end: 12 });
  t.is(parse('k8s.pod'), undefined);
  t.is(parse('proc.name'), undefined);
  // the error names the rest of the text, on one line
  t.throws(() => parse('k8s.pod.label[app] %proc.name'), { instanceOf: FieldError, message: 'filter syntax error: k8s.pod.label[app] %proc.name' });
  t.throws(() => parse('k8s.pod.label'), { instanceOf: FieldError, message: 'filter syntax error: k8s.pod.label' });
  t.throws(() => parse('k8s.ns.labelx'), { instanceOf: FieldError, message: 'filter syntax error: k8s.ns.labelx' });
  t.throws(() => parse('x k8s.rs.label=1', 2), { instanceOf: FieldError, message: 'filter syntax error: k8s.rs.label=1' });
});
