// Live capture end to end: known workloads under the eBPF probe, each expected
// event found and its parameters checked. Needs root (skipped otherwise).
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PPM } from '../../sinsp/generated/schema.js';
import {
  captureDuring,
  inetAddr,
  inetTuple,
  isRoot,
  PPME,
  s32,
  s64,
  str,
  strList,
  u32,
  u64,
  u8,
  type CapturedEvent,
} from './live-harness.js';

const rootTest = isRoot() ? test.serial : test.skip;
if (!isRoot()) console.log('live capture tests skipped: they need root (eBPF probe)');

const byType = (evs: CapturedEvent[], type: number) => evs.filter((e) => e.type === type);

/** Runs a python3 snippet and returns its pid and stdout. */
function python(code: string): { pid: number; out: string } {
  const r = spawnSync('python3', ['-c', `import os\nprint(os.getpid(), flush=True)\n${code}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  return { pid: Number(lines[0]), out: lines.slice(1).join('\n') };
}

rootTest('file: openat/write/read/close of a temp file, and a failed open', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'sinspect-live-'));
  const path = join(dir, 'data.txt');
  const missing = join(dir, 'no', 'such', 'file');
  const payload = 'hello from sinspect live capture';
  let fdW = -1;
  let fdR = -1;
  const { events, stats } = await captureDuring(() => {
    fdW = openSync(path, 'w', 0o640);
    writeSync(fdW, payload);
    closeSync(fdW);
    fdR = openSync(path, 'r');
    readSync(fdR, Buffer.alloc(100), 0, 100, null);
    closeSync(fdR);
    t.throws(() => openSync(missing, 'r'));
  });
  rmSync(dir, { recursive: true });
  const mine = events.filter((e) => e.tid === process.pid);

  const opens = byType(mine, PPME.SYSCALL_OPENAT_2_X).filter((e) => str(e.params.get('name')) === path);
  t.is(opens.length, 2);
  const [ow, or] = opens;
  t.is(s64(ow!.params.get('fd')), fdW);
  t.is(s64(ow!.params.get('dirfd')), PPM.AT_FDCWD);
  const wflags = u32(ow!.params.get('flags'));
  t.truthy(wflags & PPM.O_WRONLY && wflags & PPM.O_CREAT && wflags & PPM.O_TRUNC, `flags ${wflags}`);
  t.truthy(wflags & PPM.O_F_CREATED, 'created by this open');
  t.is(u32(ow!.params.get('mode')) & 0o777, 0o640);
  t.true(u64(ow!.params.get('ino')) > 0n);
  t.true(u32(ow!.params.get('dev')) > 0);
  t.is(s64(or!.params.get('fd')), fdR);
  t.is(u32(or!.params.get('flags')) & PPM.O_RDWR, PPM.O_RDONLY);

  const write = byType(mine, PPME.SYSCALL_WRITE_X).find((e) => s64(e.params.get('fd')) === fdW && e.ts > ow!.ts);
  t.truthy(write, 'write event');
  t.is(s64(write!.params.get('res')), payload.length);
  t.is(write!.params.get('data')!.toString(), payload);
  t.is(u32(write!.params.get('size')), payload.length);

  // the same fd number was used before our open (module loading, the /proc scan): take
  // the first read on it after our open
  const read = byType(mine, PPME.SYSCALL_READ_X).find((e) => s64(e.params.get('fd')) === fdR && e.ts > or!.ts);
  t.truthy(read, 'read event');
  t.is(s64(read!.params.get('res')), payload.length);
  t.is(read!.params.get('data')!.toString(), payload);
  t.is(u32(read!.params.get('size')), 100);

  const closes = byType(mine, PPME.SYSCALL_CLOSE_X).filter((e) => [fdW, fdR].includes(s64(e.params.get('fd'))));
  t.true(closes.length >= 2);
  t.true(closes.every((e) => s64(e.params.get('res')) === 0));

  const failed = byType(mine, PPME.SYSCALL_OPENAT_2_X).find((e) => str(e.params.get('name')) === missing);
  t.truthy(failed, 'failed open event');
  t.is(s64(failed!.params.get('fd')), -2); // ENOENT
  t.is(u64(failed!.params.get('ino')), 0n);

  // Events of one thread are in timestamp order, all parameter counts matched the schema.
  const ts = mine.map((e) => e.ts);
  t.deepEqual([...ts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), ts);
  t.is(stats.dropsBug, 0);
});

rootTest('network: TCP connect, accept and exchange on 127.0.0.1', async (t) => {
  let run = { pid: 0, out: '' };
  const { events } = await captureDuring(() => {
    run = python(`
import socket
srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen(4)
port = srv.getsockname()[1]
cli = socket.socket(); cli.connect(('127.0.0.1', port))
conn, _ = srv.accept()
cli.send(b'ping-sinspect'); data = conn.recv(100)
conn.send(b'pong'); cli.recv(100)
cli.shutdown(socket.SHUT_WR)
print(port, cli.fileno(), conn.fileno(), srv.fileno())
`);
  });
  const [port, cliFd, connFd, srvFd] = run.out.split(' ').map(Number) as [number, number, number, number];
  const mine = events.filter((e) => e.tid === run.pid);

  const bind = byType(mine, PPME.SOCKET_BIND_X).find((e) => s64(e.params.get('fd')) === srvFd);
  t.deepEqual(inetAddr(bind?.params.get('addr')), { addr: '127.0.0.1', port: 0 });

  const listen = byType(mine, PPME.SOCKET_LISTEN_X).find((e) => s64(e.params.get('fd')) === srvFd);
  t.is(s32(listen?.params.get('backlog')), 4);

  const connect = byType(mine, PPME.SOCKET_CONNECT_X).find((e) => s64(e.params.get('fd')) === cliFd);
  t.truthy(connect, 'connect event');
  t.is(s64(connect!.params.get('res')), 0);
  const ct = inetTuple(connect!.params.get('tuple'));
  t.is(ct?.srcAddr, '127.0.0.1');
  t.is(ct?.dstAddr, '127.0.0.1');
  t.is(ct?.dstPort, port);
  t.deepEqual(inetAddr(connect!.params.get('addr')), { addr: '127.0.0.1', port });

  const accept = mine.find(
    (e) => (e.type === PPME.SOCKET_ACCEPT4_6_X || e.type === PPME.SOCKET_ACCEPT_5_X) && s64(e.params.get('fd')) === connFd,
  );
  t.truthy(accept, 'accept event');
  const at = inetTuple(accept!.params.get('tuple'));
  t.is(at?.dstPort, port, 'accept tuple: local (listening) port last');
  t.is(at?.srcPort, ct?.srcPort, 'accept tuple: the client port first');

  const send = byType(mine, PPME.SOCKET_SENDTO_X).find((e) => s64(e.params.get('fd')) === cliFd);
  t.is(send?.params.get('data')?.toString(), 'ping-sinspect');
  t.is(inetTuple(send?.params.get('tuple'))?.dstPort, port);

  const recv = byType(mine, PPME.SOCKET_RECVFROM_X).find((e) => s64(e.params.get('fd')) === connFd);
  t.is(recv?.params.get('data')?.toString(), 'ping-sinspect');
  t.is(s64(recv?.params.get('res')), 'ping-sinspect'.length);

  const shut = byType(mine, PPME.SOCKET_SHUTDOWN_X).find((e) => s64(e.params.get('fd')) === cliFd);
  t.is(u8(shut?.params.get('how')), PPM.SHUT_WR);
});

rootTest('network: UDP sendto an address', async (t) => {
  let run = { pid: 0, out: '' };
  const { events } = await captureDuring(() => {
    run = python(`
import socket
rx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); rx.bind(('127.0.0.1', 0))
port = rx.getsockname()[1]
tx = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
tx.sendto(b'udp-sinspect', ('127.0.0.1', port))
rx.recvfrom(100)
print(port, tx.fileno())
`);
  });
  const [port, txFd] = run.out.split(' ').map(Number) as [number, number];
  const mine = events.filter((e) => e.tid === run.pid);
  const sock = byType(mine, PPME.SOCKET_SOCKET_X).filter((e) => s64(e.params.get('fd')) === txFd);
  t.is(u32(sock.at(-1)?.params.get('domain')), 2);
  t.is(u32(sock.at(-1)?.params.get('type')), 2); // SOCK_DGRAM
  const send = byType(mine, PPME.SOCKET_SENDTO_X).find((e) => s64(e.params.get('fd')) === txFd);
  t.truthy(send, 'sendto event');
  t.is(s64(send!.params.get('res')), 'udp-sinspect'.length);
  t.is(send!.params.get('data')!.toString(), 'udp-sinspect');
  const tuple = inetTuple(send!.params.get('tuple'));
  t.is(tuple?.dstAddr, '127.0.0.1');
  t.is(tuple?.dstPort, port, 'unconnected UDP: destination from the sendto address');
});

rootTest('process: execve of a child with args and env, its clone and its exit', async (t) => {
  let childPid = 0;
  const { events } = await captureDuring(() => {
    const r = spawnSync('/bin/sh', ['-c', 'exit 7', 'sinspect-arg0', 'second arg'], {
      env: { SINSPECT_MARKER: 'live-test', PATH: '/usr/bin:/bin' },
      cwd: '/tmp',
    });
    childPid = r.pid ?? 0;
    t.is(r.status, 7);
  });
  const execs = byType(events, PPME.SYSCALL_EXECVE_19_X).filter((e) => s64(e.params.get('pid')) === childPid);
  t.is(execs.length, 1);
  const ex = execs[0]!;
  t.is(s64(ex.params.get('res')), 0);
  t.is(s64(ex.params.get('tid')), childPid);
  t.is(ex.tid, childPid);
  t.is(s64(ex.params.get('ptid')), process.pid);
  t.is(str(ex.params.get('exe')), '/bin/sh');
  t.deepEqual(strList(ex.params.get('args')), ['-c', 'exit 7', 'sinspect-arg0', 'second arg']);
  t.true(strList(ex.params.get('env')).includes('SINSPECT_MARKER=live-test'));
  t.is(str(ex.params.get('comm')), 'sh');
  t.is(str(ex.params.get('cwd')), '/tmp');
  t.is(str(ex.params.get('filename')), '/bin/sh');
  t.regex(str(ex.params.get('trusted_exepath')), /\/(dash|bash|sh)$/);
  t.true(Number(u64(ex.params.get('fdlimit'))) > 0);
  t.true(u32(ex.params.get('vm_size')) > 0);
  t.is(u32(ex.params.get('uid')), 0);
  t.true(strList(ex.params.get('cgroups')).length > 0);

  // The child's side of the fork, emitted with the child's tid.
  const child = events.find(
    (e) =>
      e.tid === childPid &&
      ([PPME.SYSCALL_CLONE_20_X, PPME.SYSCALL_CLONE3_X, PPME.SYSCALL_FORK_20_X, PPME.SYSCALL_VFORK_20_X] as number[]).includes(e.type),
  );
  t.truthy(child, 'child clone event');
  t.is(s64(child!.params.get('res')), 0);
  t.is(s64(child!.params.get('pid')), childPid);
  t.is(s64(child!.params.get('ptid')), process.pid);

  const exit = byType(events, PPME.PROCEXIT_1_E).find((e) => e.tid === childPid);
  t.truthy(exit, 'procexit event');
  t.is(s64(exit!.params.get('ret')), 7);
  t.is(u8(exit!.params.get('sig')), 0);
});

rootTest('ipc: a pipe', async (t) => {
  let run = { pid: 0, out: '' };
  const { events } = await captureDuring(() => {
    run = python(`
r, w = os.pipe()
os.write(w, b'through-the-pipe'); os.read(r, 100)
print(r, w)
`);
  });
  const [rfd, wfd] = run.out.split(' ').map(Number) as [number, number];
  const mine = events.filter((e) => e.tid === run.pid);
  const pipe = mine.find(
    (e) => (e.type === PPME.SYSCALL_PIPE2_X || e.type === PPME.SYSCALL_PIPE_X) && s64(e.params.get('fd1')) === rfd,
  );
  t.truthy(pipe, 'pipe event');
  t.is(s64(pipe!.params.get('res')), 0);
  t.is(s64(pipe!.params.get('fd2')), wfd);
  t.true(u64(pipe!.params.get('ino')) > 0n);
  // the same fd numbers were used (and closed) while python started: take the last uses
  const write = byType(mine, PPME.SYSCALL_WRITE_X).filter((e) => s64(e.params.get('fd')) === wfd).at(-1);
  t.is(write?.params.get('data')?.toString(), 'through-the-pipe');
  const read = byType(mine, PPME.SYSCALL_READ_X).filter((e) => s64(e.params.get('fd')) === rfd).at(-1);
  t.is(read?.params.get('data')?.toString(), 'through-the-pipe');
});
