// The eBPF probe on the guest's 6.1 kernel (the host runs the live tests of
// test/capture on its own kernel): the same workloads, every expected event and
// parameter, from the capture the guest wrote through the eBPF engine.
import test from 'ava';
import { PPM } from '../../sinsp/generated/schema.js';
import { inetAddr, inetTuple, PPME, s64, str, strList, u32, u64, u8, type CapturedEvent } from '../capture/live-harness.js';
import { readBpfCapture } from './bpf-capture.js';
import { guestStats, requireDone, vmRun, type Facts } from './guest.js';

let loaded: Promise<{ events: CapturedEvent[]; facts: Facts }> | undefined;

function capture(): Promise<{ events: CapturedEvent[]; facts: Facts }> {
  loaded ??= (async () => {
    const { file, facts } = requireDone(await vmRun(), 'bpf');
    return { events: readBpfCapture(file), facts };
  })();
  return loaded;
}

const byType = (evs: CapturedEvent[], type: number) => evs.filter((e) => e.type === type);
const fdIs = (e: CapturedEvent, fd: string | undefined) => s64(e.params.get('fd')) === Number(fd);

test.serial('vm/bpf: the probe loads on the guest kernel and captures without drops', async (t) => {
  const run = await vmRun();
  requireDone(run, 'bpf');
  const st = guestStats(run, 'bpf');
  t.true(st.evts! > 100, `events: ${st.evts}`);
  t.is(st.drops, 0);
  t.is(st.bug, 0);
});

test.serial('vm/bpf: file open/write/read/close and a failed open', async (t) => {
  const { events, facts } = await capture();
  const mine = events.filter((e) => e.tid === Number(facts['self.pid']));
  const payload = facts['file.payload']!;
  const opens = byType(mine, PPME.SYSCALL_OPENAT_2_X).filter((e) => str(e.params.get('name')) === facts['file.path']);
  t.is(opens.length, 2);
  const flags = u32(opens[0]?.params.get('flags'));
  t.truthy(flags & PPM.O_WRONLY && flags & PPM.O_CREAT && flags & PPM.O_TRUNC, `flags ${flags}`);
  t.is(u32(opens[0]?.params.get('mode')) & 0o777, 0o640);
  t.is(s64(opens[0]?.params.get('dirfd')), PPM.AT_FDCWD);
  t.is(u32(opens[1]?.params.get('flags')) & PPM.O_RDWR, PPM.O_RDONLY);
  const write = byType(mine, PPME.SYSCALL_WRITE_X).find((e) => e.params.get('data')?.toString() === payload);
  t.truthy(write, 'write event');
  t.true(fdIs(write!, facts['file.fdw']));
  t.is(s64(write!.params.get('res')), payload.length);
  const read = byType(mine, PPME.SYSCALL_READ_X).find((e) => e.params.get('data')?.toString() === payload);
  t.truthy(read, 'read event');
  t.is(u32(read!.params.get('size')), 100);
  const failed = byType(mine, PPME.SYSCALL_OPENAT_2_X).find((e) => str(e.params.get('name')) === facts['file.missing']);
  t.is(s64(failed?.params.get('fd')), -2);
});

test.serial('vm/bpf: TCP and UDP on loopback', async (t) => {
  const { events, facts } = await capture();
  const mine = events.filter((e) => e.tid === Number(facts['self.pid']));
  const port = Number(facts['tcp.port']);
  const connect = byType(mine, PPME.SOCKET_CONNECT_X).find((e) => inetTuple(e.params.get('tuple'))?.dstPort === port);
  t.truthy(connect, 'connect event');
  t.is(s64(connect!.params.get('res')), 0);
  t.deepEqual(inetAddr(connect!.params.get('addr')), { addr: '127.0.0.1', port });
  const ct = inetTuple(connect!.params.get('tuple'));
  const accept = mine.find(
    (e) => (e.type === PPME.SOCKET_ACCEPT4_6_X || e.type === PPME.SOCKET_ACCEPT_5_X) && inetTuple(e.params.get('tuple'))?.dstPort === port,
  );
  t.is(inetTuple(accept?.params.get('tuple'))?.srcPort, ct?.srcPort);
  const send = byType(mine, PPME.SOCKET_SENDTO_X).find((e) => e.params.get('data')?.toString() === 'ping-sinspect');
  t.is(s64(send?.params.get('res')), 13);
  const recv = byType(mine, PPME.SOCKET_RECVFROM_X).find((e) => e.params.get('data')?.toString() === 'ping-sinspect');
  t.is(s64(recv?.params.get('res')), 13);
  const shut = byType(mine, PPME.SOCKET_SHUTDOWN_X)[0];
  t.is(u8(shut?.params.get('how')), PPM.SHUT_WR);
  const udp = byType(mine, PPME.SOCKET_SENDTO_X).find((e) => e.params.get('data')?.toString() === 'udp-sinspect');
  t.truthy(udp, 'udp sendto');
  t.is(inetTuple(udp!.params.get('tuple'))?.dstPort, Number(facts['udp.port']));
});

test.serial('vm/bpf: pipe, execve with args and env, exit status', async (t) => {
  const { events, facts } = await capture();
  const pid = Number(facts['self.pid']);
  const child = Number(facts['exec.pid']);
  const pipe = events.find(
    (e) => e.tid === pid && (e.type === PPME.SYSCALL_PIPE_X || e.type === PPME.SYSCALL_PIPE2_X) && s64(e.params.get('fd1')) === Number(facts['pipe.rd']),
  );
  t.truthy(pipe, 'pipe event');
  t.true(u64(pipe!.params.get('ino')) > 0n);
  const ex = byType(events, PPME.SYSCALL_EXECVE_19_X).find((e) => e.tid === child);
  t.truthy(ex, 'execve event');
  t.is(s64(ex!.params.get('res')), 0);
  t.is(str(ex!.params.get('exe')), '/bin/sh');
  t.deepEqual(strList(ex!.params.get('args')), ['-c', 'exit 7', 'sinspect-arg0', 'second arg']);
  t.true(strList(ex!.params.get('env')).includes('SINSPECT_MARKER=vm-test'));
  t.is(s64(ex!.params.get('ptid')), pid);
  t.is(str(ex!.params.get('cwd')), '/tmp');
  const exit = byType(events, PPME.PROCEXIT_1_E).find((e) => e.tid === child);
  t.is(s64(exit?.params.get('ret')), 7);
});
