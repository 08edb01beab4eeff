import test from 'ava';
import { fdFields } from '../../../sinsp/fields/classes/fd.js';
import { PPME } from '../../../sinsp/generated/schema.js';
import { FdFlag, FdInfo, FdType, L4Proto } from '../../../sinsp/state/fd.js';
import { ContainerType, newContainerInfo, State } from '../../../sinsp/state/state.js';
import type { ThreadInfo } from '../../../sinsp/state/thread.js';
import { addThread, context, i64, ip4, ip6, json, makeEvent, str, text, tuple4, u32, value } from '../helpers.js';

const F = fdFields;

function setup() {
  const state = new State();
  state.ipv4Interfaces = [
    { name: 'lo', addr: ip4('127.0.0.1'), netmask: ip4('255.0.0.0'), bcast: 0 },
    { name: 'eth0', addr: ip4('192.168.0.1'), netmask: ip4('255.255.255.0'), bcast: ip4('192.168.0.255') },
  ];
  state.ipv6Interfaces = [{ name: 'eth0', addr: ip6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), netmask: new Uint8Array(16), bcast: new Uint8Array(16) }];
  const th = addThread(state, { tid: 13969, cwd: '/srv/app/' });
  return { state, ctx: context(state), th };
}

function put(th: ThreadInfo, fd: FdInfo): FdInfo {
  th.fdTable.set(fd);
  return fd;
}

function fdOf(num: number, type: number, name: string, flags = 0): FdInfo {
  const f = new FdInfo();
  f.fd = num;
  f.type = type;
  f.name = name;
  f.flags = flags;
  return f;
}

function sock4(num: number, sip: string, sport: number, dip: string, dport: number, flags: number, proto: number = L4Proto.TCP): FdInfo {
  const f = fdOf(num, FdType.IPV4_SOCK, `${sip}:${sport}->${dip}:${dport}`, flags);
  f.v4Sip = ip4(sip);
  f.v4Dip = ip4(dip);
  f.v4Sport = sport;
  f.v4Dport = dport;
  f.v4L4 = proto;
  return f;
}

/** an event using fd `fd` of thread `th`, as the state engine leaves it */
function use(th: ThreadInfo, fd: FdInfo | undefined, num: number, type: number = PPME.SYSCALL_READ_X, params: Buffer[] = [i64(0)]) {
  th.lastFd = num;
  return makeEvent({ type, params }, th, fd);
}

const all = (ctx: ReturnType<typeof setup>['ctx'], ev: ReturnType<typeof use>, names: string[]) => names.map((n) => text(F, ctx, n, ev)).join('|');

test('a file', (t) => {
  const { ctx, th } = setup();
  const fd = put(th, fdOf(3, FdType.FILE_V2, '/etc/passwd'));
  fd.dev = 0x803;
  fd.ino = 1234567n;
  const ev = use(th, fd, 3);
  t.is(value(F, ctx, 'fd.num', ev), 3n);
  t.is(
    all(ctx, ev, ['fd.type', 'fd.typechar', 'fd.name', 'fd.directory', 'fd.filename', 'fd.containername', 'fd.containerdirectory', 'fd.uid']),
    'file|f|/etc/passwd|/etc|passwd|:/etc/passwd|:/etc|139693',
  );
  t.is(
    all(ctx, ev, ['fd.cip', 'fd.sip', 'fd.lip', 'fd.rip', 'fd.cport', 'fd.sport', 'fd.lport', 'fd.rport', 'fd.cproto', 'fd.sproto']),
    '<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>',
  );
  t.is(all(ctx, ev, ['fd.l4proto', 'fd.sockfamily', 'fd.is_server', 'fd.connected', 'fd.name_changed']), '<NA>|<NA>|false|false|false');
  t.is(all(ctx, ev, ['fd.dev', 'fd.dev.major', 'fd.dev.minor', 'fd.ino']), '803|8|3|1234567');
  t.is(json(F, ctx, 'fd.dev', ev), '"803"');
  t.is(json(F, ctx, 'fd.num', ev), '3');
  t.is(json(F, ctx, 'fd.name', ev), '"/etc/passwd"');
  t.is(json(F, ctx, 'fd.cip.name', ev), 'null');
});

test('paths at the root, directories and odd names', (t) => {
  const { ctx, th } = setup();
  const root = put(th, fdOf(4, FdType.FILE, '/vmlinuz'));
  t.is(all(ctx, use(th, root, 4), ['fd.directory', 'fd.filename']), '/|vmlinuz');
  const slash = put(th, fdOf(5, FdType.FILE, '/var/log/'));
  t.is(all(ctx, use(th, slash, 5), ['fd.directory', 'fd.filename']), '/var/log/|/var/log/');
  const bare = put(th, fdOf(6, FdType.FILE, 'memfd:x'));
  t.is(all(ctx, use(th, bare, 6), ['fd.directory', 'fd.filename']), '/|/');
  const dir = put(th, fdOf(7, FdType.DIRECTORY, '/tmp/dir'));
  t.is(all(ctx, use(th, dir, 7), ['fd.type', 'fd.typechar', 'fd.directory', 'fd.filename']), 'directory|d|/tmp/dir|<NA>');
  const pipe = put(th, fdOf(8, FdType.FIFO, 'pipe:[123]'));
  t.is(all(ctx, use(th, pipe, 8), ['fd.type', 'fd.typechar', 'fd.directory', 'fd.name']), 'pipe|p|<NA>|pipe:[123]');
  // only printable ASCII is shown
  const odd = put(th, fdOf(9, FdType.FILE, '/tmp/caf\u00e9\u0001.txt'));
  t.is(text(F, ctx, 'fd.name', use(th, odd, 9)), '/tmp/caf.txt');
  t.is(value(F, ctx, 'fd.name', use(th, odd, 9)), '/tmp/caf\u00e9\u0001.txt');
  const bpf = put(th, fdOf(10, FdType.BPF, 'bpf'));
  t.is(all(ctx, use(th, bpf, 10), ['fd.type', 'fd.typechar']), '<NA>|?');
});

test('the client end of a TCP connection', (t) => {
  const { ctx, th } = setup();
  const fd = put(th, sock4(4, '192.168.0.1', 44434, '192.168.0.3', 80, FdFlag.ROLE_CLIENT | FdFlag.SOCKET_CONNECTED));
  const ev = use(th, fd, 4);
  t.is(
    all(ctx, ev, ['fd.type', 'fd.typechar', 'fd.cip', 'fd.sip', 'fd.lip', 'fd.rip', 'fd.cport', 'fd.sport', 'fd.lport', 'fd.rport']),
    'ipv4|4|192.168.0.1|192.168.0.3|192.168.0.1|192.168.0.3|44434|80|44434|80',
  );
  t.is(
    all(ctx, ev, ['fd.l4proto', 'fd.sockfamily', 'fd.is_server', 'fd.cproto', 'fd.sproto', 'fd.lproto', 'fd.rproto', 'fd.connected']),
    'tcp|ip|false|44434|80|44434|80|true',
  );
  t.deepEqual(value(F, ctx, 'fd.cip', ev), Uint8Array.of(192, 168, 0, 1));
  t.is(value(F, ctx, 'fd.sport', ev), 80);
  t.is(json(F, ctx, 'fd.sport', ev), '80');
  t.is(json(F, ctx, 'fd.sip', ev), '"192.168.0.3"');
  t.is(json(F, ctx, 'fd.is_server', ev), 'false');
  t.is(json(F, ctx, 'fd.cproto', ev), '"44434"');
});

test('the server end of a TCP connection: local and remote swap', (t) => {
  const { ctx, th } = setup();
  const fd = put(th, sock4(5, '10.0.0.9', 51000, '192.168.0.1', 8080, FdFlag.ROLE_SERVER));
  const ev = use(th, fd, 5);
  t.is(
    all(ctx, ev, ['fd.cip', 'fd.sip', 'fd.lip', 'fd.rip', 'fd.cport', 'fd.sport', 'fd.lport', 'fd.rport', 'fd.lproto', 'fd.rproto', 'fd.is_server']),
    '10.0.0.9|192.168.0.1|192.168.0.1|10.0.0.9|51000|8080|8080|51000|8080|51000|true',
  );
});

test('a socket with no role yet has no addresses or ports', (t) => {
  const { ctx, th } = setup();
  const fd = put(th, sock4(6, '0.0.0.0', 0, '0.0.0.0', 0, 0, L4Proto.UDP));
  fd.name = '';
  const ev = use(th, fd, 6);
  t.is(
    all(ctx, ev, ['fd.cip', 'fd.sip', 'fd.lip', 'fd.rip', 'fd.cport', 'fd.sport', 'fd.lport', 'fd.rport', 'fd.cproto', 'fd.sproto', 'fd.l4proto']),
    '<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>|<NA>',
  );
  t.is(all(ctx, ev, ['fd.name', 'fd.sockfamily', 'fd.connected']), '|ip|false');
  // a raw socket reports raw whatever its role
  fd.v4L4 = L4Proto.RAW;
  t.is(text(F, ctx, 'fd.l4proto', ev), 'raw');
});

test('an IPv4 listening socket', (t) => {
  const { ctx, th } = setup();
  const fd = put(th, fdOf(3, FdType.IPV4_SERVSOCK, '0.0.0.0:80', FdFlag.ROLE_SERVER));
  fd.v4sIp = ip4('0.0.0.0');
  fd.v4sPort = 80;
  fd.v4sL4 = L4Proto.TCP;
  const ev = use(th, fd, 3);
  t.is(
    all(ctx, ev, ['fd.typechar', 'fd.cip', 'fd.sip', 'fd.lip', 'fd.cport', 'fd.sport', 'fd.lport', 'fd.cproto', 'fd.sproto', 'fd.l4proto', 'fd.is_server', 'fd.sockfamily']),
    '4|<NA>|0.0.0.0|<NA>|0|80|<NA>|||tcp|true|ip',
  );
  // without a role the bound address is not shown, the port is
  fd.flags = 0;
  t.is(all(ctx, ev, ['fd.sip', 'fd.sport', 'fd.cport']), '<NA>|80|<NA>');
});

test('IPv6: tuples, listening sockets, locality by /64', (t) => {
  const { ctx, th } = setup();
  const fd = put(th, fdOf(3, FdType.IPV6_SOCK, 'x', FdFlag.ROLE_CLIENT));
  fd.setV6Bytes(0, ip6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x42), 0);
  fd.setV6Bytes(4, ip6(0x2001, 0xdb9, 0, 0, 0, 0, 0, 3), 0);
  fd.v6Sport = 40000;
  fd.v6Dport = 443;
  fd.v6L4 = L4Proto.TCP;
  const ev = use(th, fd, 3);
  t.is(
    all(ctx, ev, ['fd.type', 'fd.typechar', 'fd.cip', 'fd.sip', 'fd.lip', 'fd.rip', 'fd.lport', 'fd.rport', 'fd.is_server', 'fd.l4proto']),
    'ipv6|6|2001:db8::42|2001:db9::3|2001:db8::42|2001:db9::3|40000|443|false|tcp',
  );
  t.is(json(F, ctx, 'fd.sip', ev), '"2001:db9::3"');
  const srv = put(th, fdOf(4, FdType.IPV6_SERVSOCK, '2001:db8::3:1234', FdFlag.ROLE_SERVER));
  srv.setV6Bytes(0, ip6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 3), 0);
  srv.v6sPort = 1234;
  srv.v6sL4 = L4Proto.TCP;
  const sev = use(th, srv, 4);
  t.is(
    all(ctx, sev, ['fd.cip', 'fd.sip', 'fd.lip', 'fd.cport', 'fd.sport', 'fd.cproto', 'fd.sproto', 'fd.is_server', 'fd.containername']),
    '<NA>|2001:db8::3|<NA>|0|1234|||true|:2001:db8::3:1234',
  );
  // a fresh IPv6 socket: the all-zero destination shares the /64 of no interface here
  const fresh = put(th, fdOf(5, FdType.IPV6_SOCK, ''));
  t.is(all(ctx, use(th, fresh, 5), ['fd.is_server', 'fd.sockfamily', 'fd.l4proto']), 'false|ip|<NA>');
  // inside a container IPv6 is never local
  th.containerId = 'abc';
  t.is(text(F, ctx, 'fd.lip', ev), '2001:db9::3');
});

test('unix sockets', (t) => {
  const { ctx, th } = setup();
  const fd = put(th, fdOf(3, FdType.UNIX_SOCK, '0->ffff8edcfda06800 /var/run/nscd/socket'));
  const ev = use(th, fd, 3);
  t.is(all(ctx, ev, ['fd.type', 'fd.typechar', 'fd.sockfamily', 'fd.l4proto', 'fd.is_server', 'fd.cip', 'fd.cport']), 'unix|u|unix|<NA>|false|<NA>|<NA>');
});

test('container addresses count as local', (t) => {
  const { ctx, th, state } = setup();
  const c = newContainerInfo('c1', ContainerType.DOCKER);
  c.ip = 0xac110002;
  state.containers.set('c1', c);
  th.containerId = 'c1';
  // 172.17.0.2 is the container's own address (kept in host byte order)
  const fd = put(th, sock4(3, '172.17.0.2', 5000, '8.8.8.8', 53, FdFlag.ROLE_CLIENT, L4Proto.UDP));
  t.is(all(ctx, use(th, fd, 3), ['fd.lip', 'fd.rip', 'fd.is_server', 'fd.containername']), '172.17.0.2|8.8.8.8|false|c1:172.17.0.2:5000->8.8.8.8:53');
});

test('filter-only fields match any of the fd addresses or ports', (t) => {
  const { ctx, th } = setup();
  const fd = put(th, sock4(4, '192.168.0.1', 44434, '192.168.0.3', 80, FdFlag.ROLE_CLIENT));
  const ev = use(th, fd, 4);
  const bind = (n: string) => F.bind(F.fields.find((f) => f.name === n)!, undefined, ctx);
  t.deepEqual(bind('fd.ip').extractList!(ev), [Uint8Array.of(192, 168, 0, 1), Uint8Array.of(192, 168, 0, 3)]);
  t.deepEqual(bind('fd.net').extractList!(ev), [Uint8Array.of(192, 168, 0, 1), Uint8Array.of(192, 168, 0, 3)]);
  t.deepEqual(bind('fd.port').extractList!(ev), [44434, 80]);
  t.deepEqual(bind('fd.proto').extractList!(ev), [44434, 80]);
  t.is((bind('fd.port') as unknown as { listNotEqual: string }).listNotEqual, 'none-equal');
  t.deepEqual(value(F, ctx, 'fd.snet', ev), Uint8Array.of(192, 168, 0, 3));
  t.deepEqual(value(F, ctx, 'fd.lnet', ev), Uint8Array.of(192, 168, 0, 1));
  const file = put(th, fdOf(5, FdType.FILE, '/x'));
  t.deepEqual(bind('fd.ip').extractList!(use(th, file, 5)), []);
  t.true(((F.fields.find((f) => f.name === 'fd.ip')!.flags ?? 0) & 1) !== 0);
});

test('an fd missing from the table: the number stays, the name comes from the syscall', (t) => {
  const { ctx, th } = setup();
  const read = use(th, undefined, 7);
  t.is(all(ctx, read, ['fd.num', 'fd.name', 'fd.type', 'fd.typechar', 'fd.directory', 'fd.filename', 'fd.uid', 'fd.is_server']), '7||<NA>|o|/|<NA>|139697|<NA>');
  // a failed open: the path it was asked for, relative to the cwd
  const open = use(th, undefined, -2, PPME.SYSCALL_OPEN_X, [i64(-2), str('conf/../app.ini'), u32(0), u32(0), u32(0)]);
  t.is(all(ctx, open, ['fd.num', 'fd.name', 'fd.typechar', 'fd.directory', 'fd.containername', 'fd.filename']), '-2|/srv/app/app.ini|f|/srv/app|:/srv/app/app.ini|<NA>');
  const abs = use(th, undefined, -2, PPME.SYSCALL_OPEN_X, [i64(-2), str('/etc//ld.so.preload'), u32(0), u32(0), u32(0)]);
  t.is(text(F, ctx, 'fd.name', abs), '/etc//ld.so.preload');
  const openat = use(th, undefined, -2, PPME.SYSCALL_OPENAT_2_X, [i64(-2), i64(-100), str('./x/y'), u32(0), u32(0), u32(0)]);
  t.is(text(F, ctx, 'fd.name', openat), '/srv/app/x/y');
  put(th, fdOf(9, FdType.DIRECTORY, '/data'));
  const openatDir = use(th, undefined, -2, PPME.SYSCALL_OPENAT_2_X, [i64(-2), i64(9), str('f'), u32(0), u32(0), u32(0)]);
  t.is(text(F, ctx, 'fd.name', openatDir), '/data/f');
  const openatAbs = use(th, undefined, -2, PPME.SYSCALL_OPENAT_2_X, [i64(-2), i64(55), str('/a/./b/'), u32(0), u32(0), u32(0)]);
  t.is(text(F, ctx, 'fd.name', openatAbs), '/a/b');
  const accept = use(th, undefined, -11, PPME.SOCKET_ACCEPT_5_X, [i64(-11), Buffer.alloc(0), Buffer.from([0]), u32(0), u32(0)]);
  t.is(all(ctx, accept, ['fd.name', 'fd.typechar']), 'NULL|4');
  // enter events have no name to offer
  const enter = use(th, undefined, 7, PPME.SYSCALL_OPEN_E, [str('/x'), u32(0), u32(0)]);
  t.is(all(ctx, enter, ['fd.name', 'fd.typechar', 'fd.directory']), '<NA>|f|<NA>');
});

test('a failed connect shows the tuple it tried', (t) => {
  const { ctx, th } = setup();
  const fd = put(th, sock4(3, '0.0.0.0', 0, '0.0.0.0', 0, 0));
  fd.name = 'old';
  const ev = use(th, fd, 3, PPME.SOCKET_CONNECT_X, [i64(-111), tuple4('192.168.0.1', 0, '10.1.1.1', 9)]);
  t.is(text(F, ctx, 'fd.name', ev), '192.168.0.1:0->10.1.1.1:9');
  const ok = use(th, fd, 3, PPME.SOCKET_CONNECT_X, [i64(0), tuple4('192.168.0.1', 0, '10.1.1.1', 9)]);
  t.is(text(F, ctx, 'fd.name', ok), 'old');
});

test('events that do not involve an fd have no fd fields; no thread, none either', (t) => {
  const { ctx, th } = setup();
  put(th, fdOf(3, FdType.FILE, '/x'));
  th.lastFd = 3;
  const sw = makeEvent({ type: PPME.SCHEDSWITCH_6_E, params: [] }, th);
  const none = makeEvent({ type: PPME.SYSCALL_READ_X, params: [i64(0)], tid: 5 });
  for (const f of F.fields) {
    t.is(F.bind(f, undefined, ctx).extract(sw), undefined, f.name);
    t.is(F.bind(f, undefined, ctx).extract(none), undefined, f.name);
  }
});

test('the fd comes from the thread when the event carries none', (t) => {
  const { ctx, th } = setup();
  put(th, fdOf(3, FdType.FILE, '/var/log/syslog'));
  const ev = use(th, undefined, 3);
  t.is(all(ctx, ev, ['fd.name', 'fd.filename']), '/var/log/syslog|syslog');
});

test('name_changed is what the parser recorded', (t) => {
  const { ctx, th, state } = setup();
  const fd = put(th, fdOf(3, FdType.FILE, '/x'));
  const ev = use(th, fd, 3);
  state.evt.fdNameChanged = true;
  t.is(text(F, ctx, 'fd.name_changed', ev), 'true');
});
