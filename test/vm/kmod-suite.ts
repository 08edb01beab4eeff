// The kernel module in the VM: the capture the guest wrote through sinspect.ko
// must read identically in sysdig 0.29.3 and sinspect and show every expected
// event and parameter of the workloads (enter and exit events, 0.29.3 layouts).
import test from 'ava';
import { guestStats, requireDone, vmRun, type Facts } from './guest.js';
import { both, esc, one } from './read-both.js';
import { sinspectRead, sysdigRead } from './readers.js';

async function kmodCapture(): Promise<{ file: string; facts: Facts }> {
  return requireDone(await vmRun(), 'kmod');
}

test.serial('vm/kmod: the module loads, captures without drops and unloads', async (t) => {
  const run = await vmRun();
  requireDone(run, 'kmod');
  t.regex(run.consoleLog, /^VMTEST-KMOD-LOADED [1-9]/m, 'module loaded with per-CPU devices');
  t.regex(run.consoleLog, /^VMTEST-KMOD-UNLOADED/m, 'module unloaded after the capture');
  const st = guestStats(run, 'kmod');
  t.true(st.evts! > 1000, `events: ${st.evts}`);
  t.is(st.drops, 0);
  t.is(st.bug, 0);
  t.is(st.delivered, st.evts);
});

test.serial('vm/kmod: file open/write/read/close and a failed open', async (t) => {
  const { file, facts } = await kmodCapture();
  const pid = facts['self.pid']!;
  const path = esc(facts['file.path']!);
  const payload = facts['file.payload']!;
  // enter events have no fd yet: take the process's file calls, match by path
  const lines = both(t, file, `proc.pid=${pid} and evt.type in (openat,write,read,close) and not fd.name contains /proc/`);
  one(t, lines, new RegExp(`^${pid} > openat dirfd=-100\\(AT_FDCWD\\) name=${path} flags=262\\(O_TRUNC\\|O_CREAT\\|O_WRONLY\\) mode=0640 $`), 'openat enter (write)');
  one(t, lines, new RegExp(`^${pid} < openat fd=${facts['file.fdw']}\\(<f>${path}\\) dirfd=-100\\(AT_FDCWD\\) name=${path} flags=262\\(O_TRUNC\\|O_CREAT\\|O_WRONLY\\) mode=0640 dev=[0-9A-F]+ $`), 'openat exit (write)');
  one(t, lines, new RegExp(`^${pid} < openat fd=${facts['file.fdr']}\\(<f>${path}\\) dirfd=-100\\(AT_FDCWD\\) name=${path} flags=1\\(O_RDONLY\\) mode=0 dev=[0-9A-F]+ $`), 'openat exit (read)');
  one(t, lines, new RegExp(`^${pid} > write fd=${facts['file.fdw']}\\(<f>${path}\\) size=${payload.length} $`), 'write enter');
  one(t, lines, new RegExp(`^${pid} < write res=${payload.length} data=${esc(payload)} $`), 'write exit');
  one(t, lines, new RegExp(`^${pid} > read fd=${facts['file.fdr']}\\(<f>${path}\\) size=100 $`), 'read enter');
  one(t, lines, new RegExp(`^${pid} < read res=${payload.length} data=${esc(payload)} $`), 'read exit');
  const closes = lines.flatMap((l, i) => (new RegExp(`^${pid} > close fd=\\d+\\(<f>${path}\\) $`).test(l) ? [i] : []));
  t.is(closes.length, 2, 'two closes');
  t.deepEqual(closes.map((i) => lines[i + 1]), [`${pid} < close res=0 `, `${pid} < close res=0 `], 'both succeed');

  const failed = both(t, file, `proc.pid=${pid} and evt.type=openat and evt.dir=< and evt.failed=true`);
  one(t, failed, new RegExp(`^${pid} < openat fd=-2\\(ENOENT\\) dirfd=-100\\(AT_FDCWD\\) name=${esc(facts['file.missing']!)} flags=1\\(O_RDONLY\\) mode=0 dev=0 $`), 'failed open');
});

test.serial('vm/kmod: TCP connect, accept and exchange on 127.0.0.1', async (t) => {
  const { file, facts } = await kmodCapture();
  const pid = facts['self.pid']!;
  const port = facts['tcp.port']!;
  const all = both(t, file, `proc.pid=${pid} and evt.type in (socket,bind,listen,connect,accept,accept4,sendto,recvfrom,shutdown)`);
  // the UDP workload comes next and reuses the same fd numbers
  const udpStart = all.indexOf(`${pid} > socket domain=2(AF_INET) type=2 proto=0 `);
  const lines = udpStart < 0 ? all : all.slice(0, udpStart);
  t.true(lines.filter((l) => l === `${pid} > socket domain=2(AF_INET) type=1 proto=0 `).length >= 2, 'two TCP sockets');
  one(t, lines, new RegExp(`^${pid} < bind res=0 addr=127\\.0\\.0\\.1:0 $`), 'bind exit');
  one(t, lines, new RegExp(`^${pid} > listen fd=${facts['tcp.srv']}\\(<4>127\\.0\\.0\\.1:0\\) backlog=4 $`), 'listen');
  one(t, lines, new RegExp(`^${pid} > connect fd=${facts['tcp.cli']}\\(<4>\\) addr=127\\.0\\.0\\.1:${port} $`), 'connect enter');
  const c = one(t, lines, new RegExp(`^${pid} < connect res=0 tuple=127\\.0\\.0\\.1:(\\d+)->127\\.0\\.0\\.1:${port} $`), 'connect exit');
  const cport = c[1];
  one(t, lines, new RegExp(`^${pid} < accept fd=${facts['tcp.conn']}\\(<4t>127\\.0\\.0\\.1:${cport}->127\\.0\\.0\\.1:${port}\\) tuple=127\\.0\\.0\\.1:${cport}->127\\.0\\.0\\.1:${port} queuepct=\\d+ queuelen=\\d+ queuemax=4 $`), 'accept exit');
  one(t, lines, new RegExp(`^${pid} > sendto fd=${facts['tcp.cli']}\\(<4t>[^)]*\\) size=13 tuple=127\\.0\\.0\\.1:${cport}->127\\.0\\.0\\.1:${port} $`), 'sendto enter');
  one(t, lines, new RegExp(`^${pid} < sendto res=13 data=ping-sinspect $`), 'sendto exit');
  one(t, lines, new RegExp(`^${pid} < recvfrom res=13 data=ping-sinspect tuple=127\\.0\\.0\\.1:${cport}->127\\.0\\.0\\.1:${port} $`), 'recvfrom exit');
  one(t, lines, new RegExp(`^${pid} > shutdown fd=${facts['tcp.cli']}\\(<4t>[^)]*\\) how=1\\(SHUT_WR\\) $`), 'shutdown');
});

test.serial('vm/kmod: UDP sendto an address', async (t) => {
  const { file, facts } = await kmodCapture();
  const pid = facts['self.pid']!;
  const port = facts['udp.port']!;
  const lines = both(t, file, `proc.pid=${pid} and (evt.type=socket or (evt.type in (sendto,recvfrom) and fd.num in (${facts['udp.tx']},${facts['udp.rx']})))`);
  t.true(lines.filter((l) => l === `${pid} > socket domain=2(AF_INET) type=2 proto=0 `).length >= 2, 'two UDP sockets');
  one(t, lines, new RegExp(`^${pid} > sendto fd=${facts['udp.tx']}\\(<4>\\) size=12 tuple=0\\.0\\.0\\.0:0->127\\.0\\.0\\.1:${port} $`), 'sendto enter: destination from the address argument');
  one(t, lines, new RegExp(`^${pid} < sendto res=12 data=udp-sinspect $`), 'sendto exit');
  one(t, lines, new RegExp(`^${pid} < recvfrom res=12 data=udp-sinspect tuple=[0-9.]+:\\d+->127\\.0\\.0\\.1:${port} $`), 'recvfrom exit');
});

test.serial('vm/kmod: a pipe written and read', async (t) => {
  const { file, facts } = await kmodCapture();
  const pid = facts['self.pid']!;
  const lines = both(t, file, `proc.pid=${pid} and (evt.type in (pipe,pipe2) or (evt.type in (read,write) and fd.type=pipe))`);
  one(t, lines, new RegExp(`^${pid} < pipe res=0 fd1=${facts['pipe.rd']}\\(<p>\\) fd2=${facts['pipe.wr']}\\(<p>\\) ino=[1-9]\\d* $`), 'pipe exit');
  one(t, lines, new RegExp(`^${pid} > write fd=${facts['pipe.wr']}\\(<p>\\) size=12 $`), 'pipe write enter');
  one(t, lines, /< write res=12 data=through-pipe $/, 'pipe write exit');
  one(t, lines, /< read res=12 data=through-pipe $/, 'pipe read exit');
});

test.serial('vm/kmod: fork, execve with args and env, exit status', async (t) => {
  const { file, facts } = await kmodCapture();
  const pid = facts['self.pid']!;
  const child = facts['exec.pid']!;
  const clones = both(t, file, `evt.type=clone and evt.dir=< and thread.tid in (${pid},${child})`, '%thread.tid %evt.rawarg.res %proc.name');
  // the two exits run on different CPUs: either may come first
  t.deepEqual([...clones].sort(), [`${child} 0 sinspect-vmtest`, `${pid} ${child} sinspect-vmtest`].sort());
  const lines = both(t, file, `thread.tid=${child} and evt.type in (execve,procexit)`);
  one(t, lines, new RegExp(`^${child} > execve filename=/bin/sh $`), 'execve enter');
  const ex = one(t, lines, new RegExp(`^${child} < execve res=0 exe=/bin/sh args=-c\\.exit 7\\.sinspect-arg0\\.second arg\\. tid=${child}\\(sh\\) pid=${child}\\(sh\\) ptid=${pid}\\(sinspect-vmtest\\) cwd=/tmp (.*)$`), 'execve exit');
  const rest = ex[1] ?? '';
  t.regex(rest, /comm=sh /);
  t.regex(rest, /env=SINSPECT_MARKER=vm-test\.PATH=\/bin\. /);
  t.regex(rest, /cgroups=\S*cpu/);
  t.regex(rest, /fdlimit=\d+ pgft_maj=\d+ pgft_min=\d+ vm_size=[1-9]\d* vm_rss=\d+ vm_swap=0 /);
  one(t, lines, new RegExp(`^${child} > procexit status=1792 ret=7 sig=0 core=0 $`), 'procexit: exit 7');
  const names = both(t, file, `thread.tid=${child} and evt.type=procexit`, '%proc.name %proc.exe %proc.args %proc.cwd %proc.pname');
  t.deepEqual(names, ['sh /bin/sh -c exit 7 sinspect-arg0 second arg /tmp/ sinspect-vmtest']);
});

test.serial('vm/kmod: the whole capture reads identically in sysdig 0.29.3 and sinspect', async (t) => {
  const { file } = await kmodCapture();
  for (const args of [[], ['-p', '%evt.num %evt.type %proc.name %fd.name %fd.type %evt.info']]) {
    const s = sysdigRead(file, args);
    const o = sinspectRead(file, args);
    t.is(s.status, 0, s.stderr);
    t.is(o.status, 0, o.stderr);
    t.true(s.lines.length > 1000);
    t.is(o.lines.length, s.lines.length, `line counts (${args.join(' ') || 'default output'})`);
    const first = o.lines.findIndex((l, i) => l !== s.lines[i]);
    t.is(first, -1, first < 0 ? '' : `first difference at line ${first + 1}:\nsysdig:   ${s.lines[first]}\nsinspect: ${o.lines[first]}`);
  }
});

test.serial('vm/kmod: a pass over many more syscalls', async (t) => {
  const { file, facts } = await kmodCapture();
  const pid = facts['self.pid']!;
  const a = facts['misc.a']!;
  const dir = facts['misc.dir']!;
  const lines = both(t, file, `proc.pid=${pid} and not evt.type in (nanosleep,clock_gettime,write,ioctl)`, '%evt.dir %evt.type %evt.args');
  const has = (line: string) => t.true(lines.includes(line), `missing: ${line}`);
  has(`> open name=${a} flags=7(O_CREAT|O_RDWR) mode=0600 `);
  has(`< pread res=10 data=positional `);
  has(`< writev res=7 data=vec-tor `);
  has(`< readv res=7 size=7 data=vec-tor `);
  has(`< dup res=${facts['misc.dup2']}(<f>${a}) `);
  has(`> fcntl fd=6(<f>${a}) cmd=26(F_DUPFD_CLOEXEC) `);
  has(`> flock fd=6(<f>${a}) operation=6(LOCK_EX|LOCK_NB) `);
  has(`< stat res=0 path=${a} `);
  has(`< chmod res=0 filename=${a} mode=0604(S_IROTH|S_IWUSR|S_IRUSR) `);
  has(`< rename res=0 oldpath=${a} newpath=${facts['misc.b']} `);
  has(`< mkdir res=0 path=${dir} `);
  has(`< unlinkat res=0 dirfd=7(<d>${dir}) name=sub(${dir}/sub) flags=512(AT_REMOVEDIR) `);
  has(`< getcwd res=${dir.length + 1} path=${dir} `);
  has(`> mount flags=3(RDONLY|NOSUID) `);
  has(`< bind res=0 addr=${facts['misc.sock']} `);
  t.true(lines.some((l) => /^< connect res=0 tuple=[0-9a-f]+->[0-9a-f]+ /.test(l) && l.endsWith(`${facts['misc.sock']} `)), 'unix connect tuple');
  t.true(lines.some((l) => /^< sendmsg res=7 data=msg-vec $/.test(l)), 'sendmsg');
  t.true(lines.some((l) => /^< recvmsg res=7 size=64 data=msg-vec tuple=/.test(l)), 'recvmsg');
  t.true(lines.some((l) => /^< setsockopt res=0 fd=\d+\(<u>.*\) level=1\(SOL_SOCKET\) optname=9\(SO_KEEPALIVE\) val=1 optlen=4 $/.test(l)), 'setsockopt');
  has(`> eventfd initval=5 flags=2048 `);
  has(`> mprotect addr=${lines.find((l) => l.startsWith('> mprotect'))?.split(' ')[2]?.slice(5)} length=4096 prot=1(PROT_READ) `);
  has(`> getrlimit resource=7(RLIMIT_NOFILE) `);
  has(`> kill pid=${pid}(sinspect-vmtest) sig=0 `);
  has(`> futex addr=${lines.find((l) => l.startsWith('> futex'))?.split(' ')[2]?.slice(5)} op=129(FUTEX_PRIVATE_FLAG|FUTEX_WAKE) val=1 `);
  has(`> ptrace request=20(PTRACE_SEIZE) pid=999999 `);
  has(`< bpf res_or_fd=-22(EINVAL) `);
  has(`> semget key=0 nsems=1 semflg=8192(IPC_CREAT) `);
  has(`> semctl semid=${facts['misc.sem']} semnum=0 cmd=4(IPC_RMID) val=0 `);
  has(`> execveat dirfd=-100(AT_FDCWD) pathname=/nonexistent flags=0 `);
  t.true(lines.some((l) => l.startsWith('< execveat res=-2(ENOENT) exe=/sinspect-vmtest ')), 'failed execveat');
});

test.serial('vm/kmod: a signal handled by the process is reported as delivered', async (t) => {
  const { file, facts } = await kmodCapture();
  const pid = facts['self.pid']!;
  const lines = both(t, file, `evt.type=signaldeliver and proc.pid=${pid}`);
  t.true(lines.includes(`${pid} > signaldeliver spid=${pid}(sinspect-vmtest) dpid=${pid}(sinspect-vmtest) sig=10(SIGUSR1) `), lines.join('\n'));
});

test.serial('vm/kmod: with sched_switch and page faults on, every event still reads identically', async (t) => {
  const run = await vmRun();
  const { file, facts } = requireDone(run, 'kmod-all');
  const st = guestStats(run, 'kmod-all');
  t.is(st.buffer, 0);
  t.is(st.bug, 0);
  // faults taken while the module copies user memory are dropped on purpose (nested)
  t.is(st.drops, st.nested);
  const pid = facts['self.pid']!;
  const switches = both(t, file, `evt.type=switch and thread.tid=${pid}`);
  t.true(switches.length > 0, 'context switches of the capturing process');
  t.true(switches.every((l) => new RegExp(`^${pid} > switch next=\\d+(\\(\\S+\\))? pgft_maj=\\d+ pgft_min=\\d+ vm_size=\\d+ vm_rss=\\d+ vm_swap=\\d+ $`).test(l)), switches[0]);
  const faults = both(t, file, `evt.type=page_fault and thread.tid=${pid}`);
  t.true(faults.length > 0, 'page faults of the capturing process');
  t.true(faults.every((l) => new RegExp(`^${pid} > page_fault addr=[0-9A-F]+ ip=[0-9A-F]+ error=\\d+\\(\\S+\\) $`).test(l)), faults[0]);
  const s = sysdigRead(file, []);
  const o = sinspectRead(file, []);
  t.is(o.lines.length, s.lines.length);
  const first = o.lines.findIndex((l, i) => l !== s.lines[i]);
  t.is(first, -1, first < 0 ? '' : `first difference at line ${first + 1}:\nsysdig:   ${s.lines[first]}\nsinspect: ${o.lines[first]}`);
});

test.serial('vm/kmod: `sinspect --kmod -w` in the guest writes a file sysdig 0.29.3 reads like sinspect', async (t) => {
  const { file, facts } = requireDone(await vmRun(), 'cli');
  const pid = facts['self.pid']!;
  const path = esc(facts['file.path']!);
  const payload = facts['file.payload']!;
  const lines = both(t, file, `proc.pid=${pid} and evt.type in (openat,write,read) and not fd.name contains /proc/`);
  one(t, lines, new RegExp(`^${pid} < openat fd=\\d+\\(<f>${path}\\) dirfd=-100\\(AT_FDCWD\\) name=${path} flags=262\\(O_TRUNC\\|O_CREAT\\|O_WRONLY\\) mode=0640 dev=[0-9A-F]+ $`), 'openat exit');
  one(t, lines, new RegExp(`^${pid} < write res=${payload.length} data=${esc(payload)} $`), 'write exit');
  one(t, lines, new RegExp(`^${pid} < read res=${payload.length} data=${esc(payload)} $`), 'read exit');
  const ex = both(t, file, `thread.tid=${facts['exec.pid']} and evt.type=execve and evt.dir=<`, '%proc.name %proc.args %proc.pname');
  t.deepEqual(ex, ['sh -c exit 7 sinspect-arg0 second arg sinspect-vmtest']);
  const s = sysdigRead(file, []);
  const o = sinspectRead(file, []);
  t.true(s.lines.length > 1000);
  t.is(o.lines.length, s.lines.length);
  const first = o.lines.findIndex((l, i) => l !== s.lines[i]);
  t.is(first, -1, first < 0 ? '' : `first difference at line ${first + 1}:\nsysdig:   ${s.lines[first]}\nsinspect: ${o.lines[first]}`);
});

test.serial('vm/kmod: `sinspect driver status|unload|load` on a kernel that loads modules', async (t) => {
  const run = await vmRun();
  requireDone(run, 'cli');
  const log = run.consoleLog.replace(/\r/g, '');
  const steps = [...log.matchAll(/^VMTEST-DRIVER-BEGIN (.*)\n([\s\S]*?)^VMTEST-DRIVER-END rc=(\d+)\nVMTEST-DRIVER-DEVICES (\d+)$/gm)].map(
    (m) => ({
      cmd: m[1],
      out: m[2]!.split('\n').filter((l) => l && !/^\(node:|^\(Use `node/.test(l)),
      rc: Number(m[3]),
      devices: Number(m[4]),
    }),
  );
  t.deepEqual(steps.map((s) => s.cmd), ['status', 'unload', 'load --ko /sinspect.ko']);
  t.true(steps.every((s) => s.rc === 0), JSON.stringify(steps, null, 1));
  const [status, unload, load] = steps;
  t.is(status?.out[0], `kernel:  ${run.abi}`);
  t.true(status?.out.includes('loaded:  yes'), status?.out.join('\n'));
  t.regex(status?.out.find((l) => l.startsWith('devices:')) ?? '', /^devices: [1-9]\d* \(\/dev\/sinspect0 \.\.\)$/);
  t.deepEqual(unload?.out, ['sinspect kernel module unloaded']);
  t.is(unload?.devices, 0, 'no devices once unloaded');
  t.deepEqual(load?.out, ['sinspect kernel module loaded']);
  t.is(load?.devices, status?.devices, 'the devices are back');
});
