// The /proc scan, checked against what this very process has open.
import test from 'ava';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, realpathSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { createSocket } from 'node:dgram';
import os from 'node:os';
import { join } from 'node:path';
import { scanProc } from '../../sinsp/capture/procscan.js';
import { SavefileReader, SavefileWriter } from '../../sinsp/capture/savefile.js';
import type { CaptureMetadata, CapturedThread } from '../../sinsp/capture/types.js';

const dir = mkdtempSync(join(os.tmpdir(), 'sinspect-procscan-'));

function listen(server: Server, ...args: unknown[]): Promise<void> {
  return new Promise((resolve) => server.listen(...(args as []), () => resolve()));
}

function ipv4(n: number): string {
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24].join('.');
}

/** This process's entry of a scan. */
function me(meta: CaptureMetadata): CapturedThread {
  const t = meta.threads.find((th) => th.tid === process.pid);
  if (!t) throw new Error('this process is not in the scan');
  return t;
}

test('this process: identity, threads and every kind of fd it holds', async (t) => {
  const logPath = join(dir, 'append.log');
  const logFd = openSync(logPath, 'a');
  const tcp = createServer();
  await listen(tcp, 0, '127.0.0.1');
  const port = (tcp.address() as { port: number }).port;
  const client: Socket = await new Promise((resolve) => {
    const c = connect(port, '127.0.0.1', () => resolve(c));
  });
  const unixPath = join(dir, 'ctl.sock');
  const unix = createServer();
  await listen(unix, unixPath);
  const udp = createSocket('udp4');
  await new Promise<void>((resolve) => udp.bind(0, '127.0.0.1', () => resolve()));
  const udpPort = udp.address().port;

  try {
    const meta = scanProc();
    const self = me(meta);
    t.is(self.pid, process.pid);
    t.is(self.ptid, process.ppid);
    t.is(self.comm, 'node');
    t.is(self.exepath, realpathSync(process.execPath));
    t.is(self.cwd, process.cwd());
    t.is(self.uid, process.getuid!());
    t.is(self.gid, process.getgid!());
    t.is(self.flags, 0);
    t.true(self.env.some((e) => e.startsWith('PATH=')));
    t.true(self.args.length > 0);
    t.true(self.cloneTs > 0n);
    t.true(self.vmrss > 0);

    // node runs several threads: they share the process's fds, which are listed once
    const threads = meta.threads.filter((th) => th.pid === process.pid && th.tid !== process.pid);
    t.true(threads.length > 0);
    for (const th of threads) {
      t.is(th.flags, (1 << 13) | (1 << 0)); // CLONE_THREAD | CLONE_FILES
      t.deepEqual(th.fds, []);
    }

    const fd = (n: number) => self.fds.find((f) => f.fd === n);
    const log = fd(logFd)!;
    t.is(log.type, 16); // FILE_V2
    t.is(log.name, logPath);
    t.is(log.openFlags & 0b1011, 0b1010); // PPM_O_WRONLY | PPM_O_APPEND, not RDONLY
    t.true(log.ino > 0n);

    const server = self.fds.find((f) => f.type === 5 && f.sport === port)!;
    t.truthy(server, 'the listening socket');
    t.is(ipv4(server.sip), '127.0.0.1');
    t.is(server.l4proto, 2); // TCP

    const conn = self.fds.find((f) => f.type === 3 && f.dport === port)!;
    t.truthy(conn, 'the client side of the connection');
    t.is(ipv4(conn.sip), '127.0.0.1');
    t.is(ipv4(conn.dip), '127.0.0.1');
    t.is(conn.sport, client.localPort!);

    const udpFd = self.fds.find((f) => f.sport === udpPort && f.l4proto === 3)!;
    t.truthy(udpFd, 'the UDP socket');
    t.is(udpFd.type, 5); // unconnected: a "server" for libscap

    const unixFd = self.fds.find((f) => f.type === 8 && f.name === unixPath)!;
    t.truthy(unixFd, 'the unix socket');
    t.not(unixFd.unixSource, 0n);

    t.true(self.fds.some((f) => f.type === 7 && /^pipe:\[\d+\]$/.test(f.name)), 'pipes');
    t.true(self.fds.some((f) => f.type === 12 && f.name === ''), 'epoll, without a name as in libscap');
  } finally {
    closeSync(logFd);
    client.destroy();
    tcp.close();
    unix.close();
    udp.close();
  }
});

test('machine, users, groups and interfaces', (t) => {
  const meta = scanProc();
  t.true(meta.hasProcessList);
  t.is(meta.machine?.hostname, os.hostname());
  t.is(meta.machine?.numCpus, os.availableParallelism());
  t.true(Math.abs(meta.machine!.memorySizeBytes - os.totalmem()) < 64 * 1024 * 1024);
  t.true(meta.machine!.bootTsEpoch > 1_000_000_000_000_000_000n);
  t.true(meta.hasUserList);
  t.truthy(meta.users.find((u) => u.uid === 0 && u.name === 'root'));
  t.truthy(meta.groups.find((g) => g.gid === 0 && g.name === 'root'));
  const lo = meta.interfaces!.ipv4.find((i) => i.name === 'lo');
  if (lo) t.is(ipv4(lo.addr), '127.0.0.1');
  const expected = Object.entries(os.networkInterfaces()).flatMap(([name, addrs]) =>
    (addrs ?? []).filter((a) => a.family === 'IPv4').map((a) => `${name} ${a.address}`),
  );
  t.deepEqual(meta.interfaces!.ipv4.map((i) => `${i.name} ${ipv4(i.addr)}`).sort(), expected.sort());
  // no kernel threads: every entry has an executable or a command line
  t.true(meta.threads.every((th) => th.exepath !== '' || th.exe !== ''));
  t.true(meta.threads.some((th) => th.tid === 1) || process.getuid!() !== 0);
});

test('a scan written as a capture file reads back, and sysdig reads it', (t) => {
  const meta = scanProc();
  const path = join(dir, 'live.scap');
  const w = SavefileWriter.open(path);
  w.writeMetadata(meta);
  // one close(0) enter event of this process, so that there is something to print
  const rec = Buffer.alloc(34 + 4 + 8);
  rec.writeBigUInt64LE(1_700_000_000_000_000_000n, 8);
  rec.writeBigUInt64LE(BigInt(process.pid), 16);
  rec.writeUInt32LE(26 + 4 + 8, 24);
  rec.writeUInt16LE(4, 28);
  rec.writeUInt32LE(1, 30);
  rec.writeUInt32LE(8, 34);
  w.writeBatch(rec, 1);
  w.close();

  const r = SavefileReader.open(path);
  const back = r.meta;
  t.is(back.threads.length, meta.threads.length);
  const a = me(meta);
  const b = me(back);
  for (const k of ['tid', 'pid', 'ptid', 'sid', 'vpgid', 'comm', 'exe', 'exepath', 'args', 'env', 'cwd', 'uid', 'gid', 'loginuid', 'cgroups', 'root', 'exeWritable'] as const) {
    t.deepEqual(b[k], a[k], k);
  }
  t.is(b.fds.length, a.fds.filter((f) => f.type !== 0).length);
  t.is(r.nextBatch()?.count, 1);
  r.close();

  if (existsSync('/usr/bin/sysdig')) {
    const out = spawnSync('/usr/bin/sysdig', ['-r', path], { encoding: 'utf8' });
    t.is(out.status, 0);
    const name = a.fds.find((f) => f.fd === 0)?.name ?? '';
    t.regex(out.stdout, new RegExp(`^1 \\S+ 0 node \\(${process.pid}\\) > close fd=0\\(<[a-z0-9]+>${name.replace(/[[\]().*+?^$|\\]/g, '\\$&')}\\) $`, 'm'));
  }
});

test('a procfs that cannot be read: one line', (t) => {
  t.throws(() => scanProc({ procDir: join(dir, 'nowhere') }), {
    message: `${join(dir, 'nowhere')}: cannot read (No such file or directory)`,
  });
});
