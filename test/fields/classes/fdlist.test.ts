import test from 'ava';
import { fdlistFields } from '../../../sinsp/fields/classes/fdlist.js';
import { PPME } from '../../../sinsp/generated/schema.js';
import { FdFlag, FdInfo, FdType } from '../../../sinsp/state/fd.js';
import { State } from '../../../sinsp/state/state.js';
import { addThread, context, fdList, i64, ip4, ip6, json, makeEvent, text, u64 } from '../helpers.js';

const L = fdlistFields;

function setup() {
  const state = new State();
  const th = addThread(state, { tid: 50 });
  const file = new FdInfo();
  Object.assign(file, { fd: 0, type: FdType.FILE, name: '/dev/pts/0' });
  const client = new FdInfo();
  Object.assign(client, { fd: 3, type: FdType.IPV4_SOCK, name: 'c', flags: FdFlag.ROLE_CLIENT });
  client.v4Sip = ip4('10.0.0.1');
  client.v4Dip = ip4('10.0.0.2');
  client.v4Sport = 5000;
  client.v4Dport = 80;
  const v6 = new FdInfo();
  Object.assign(v6, { fd: 4, type: FdType.IPV6_SOCK, name: 'v6' });
  v6.setV6Bytes(0, ip6(0xfe80, 0, 0, 0, 0, 0, 0, 1), 0);
  v6.setV6Bytes(4, ip6(0xfe80, 0, 0, 0, 0, 0, 0, 2), 0);
  v6.v6Sport = 6000;
  v6.v6Dport = 443;
  const srv6 = new FdInfo();
  Object.assign(srv6, { fd: 5, type: FdType.IPV6_SERVSOCK, name: '' });
  srv6.setV6Bytes(0, ip6(0x2001, 0xdb8, 0, 0, 0, 0, 0, 3), 0);
  for (const f of [file, client, v6, srv6]) th.fdTable.set(f);
  return { ctx: context(state), th };
}

const pollEnter = (fds: number[]) => [fdList(fds), u64(1000)];
const pollExit = (fds: number[]) => [i64(1), fdList(fds)];

test('poll enter and exit lists', (t) => {
  const { ctx, th } = setup();
  const fds = [0, 3, 4, 5, 9];
  for (const ev of [
    makeEvent({ type: PPME.SYSCALL_POLL_E, params: pollEnter(fds) }, th),
    makeEvent({ type: PPME.SYSCALL_PPOLL_X, params: pollExit(fds) }, th),
  ]) {
    t.is(text(L, ctx, 'fdlist.nums', ev), '0,3,4,5,9');
    t.is(text(L, ctx, 'fdlist.names', ev), '/dev/pts/0,c,v6,<NA>,<NA>');
    t.is(text(L, ctx, 'fdlist.cips', ev), '10.0.0.1,fe80::1');
    // an IPv6 listening socket shows its first four bytes as an IPv4 address, as in libsinsp
    t.is(text(L, ctx, 'fdlist.sips', ev), '10.0.0.2,fe80::2,32.1.13.184');
    t.is(text(L, ctx, 'fdlist.cports', ev), '5000,6000');
    t.is(text(L, ctx, 'fdlist.sports', ev), '80,443');
    t.is(json(L, ctx, 'fdlist.nums', ev), '"0,3,4,5,9"');
  }
});

test('lists with nothing to show, other events, no thread', (t) => {
  const { ctx, th } = setup();
  const ev = makeEvent({ type: PPME.SYSCALL_POLL_E, params: pollEnter([0]) }, th);
  t.is(text(L, ctx, 'fdlist.cips', ev), '<NA>');
  t.is(text(L, ctx, 'fdlist.sports', ev), '<NA>');
  const empty = makeEvent({ type: PPME.SYSCALL_POLL_E, params: pollEnter([]) }, th);
  t.is(text(L, ctx, 'fdlist.nums', empty), '<NA>');
  const read = makeEvent({ type: PPME.SYSCALL_READ_X, params: [i64(0)] }, th);
  t.is(text(L, ctx, 'fdlist.nums', read), '<NA>');
  const orphan = makeEvent({ type: PPME.SYSCALL_POLL_E, params: pollEnter([0]), tid: 77 });
  t.is(text(L, ctx, 'fdlist.nums', orphan), '<NA>');
});
