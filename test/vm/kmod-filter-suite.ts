// The kernel module's early filter and syscall mask in the VM: what the module lets
// through when the guest program asks for one process and a few syscalls (kmod-filter,
// every record it receives is written), `sinspect --kmod -U COMM` (cli-suppress) and
// `sinspect --kmod` with a filter the pushdown hands to the module (cli-pushdown).
// The workloads are the same program in each run, so the events of a workload that a
// filter keeps must be those of the unfiltered capture (kmod), one for one.
import test, { type ExecutionContext } from 'ava';
import { eventTypeNames } from '../../sinsp/capture/pushdown.js';
import { SYSCALL_NR_X86_64 } from '../../sinsp/generated/schema.js';
import { guestStats, requireDone, vmRun, type VmRun } from './guest.js';
import { both, esc, one } from './read-both.js';
import { sinspectRead, sysdigRead } from './readers.js';

/**
 * From the workload's first file open on, `<dir> <type>` of each event of process pid
 * whose type is one of types: the same program runs the same calls in every run, so
 * these sequences must be equal across captures (pids, fds and ports are not).
 */
function workloadSequence(t: ExecutionContext, file: string, pid: string, types: string[]): string[] {
  const lines = both(t, file, `proc.pid=${pid} and evt.type in (${types.join(',')})`, '%evt.dir %evt.type %evt.args');
  const first = lines.findIndex((l) => /^> openat .*name=\S*\/data\.txt /.test(l));
  t.true(first >= 0, `no open of the workload's data.txt among:\n${lines.slice(0, 50).join('\n')}`);
  return lines.slice(first).map((l) => l.split(' ').slice(0, 2).join(' '));
}

/** The unfiltered capture's sequence (the guest program captured its own workloads). */
function unfilteredSequence(t: ExecutionContext, run: VmRun, types: string[]): string[] {
  const { file, facts } = requireDone(run, 'kmod');
  return workloadSequence(t, file, facts['self.pid']!, types);
}

/** The CLI run's exit code and its stderr lines (-v's counters), from the console. */
function cliResult(run: VmRun, name: string): { rc: number; stderr: string[] } {
  const log = run.consoleLog.replace(/\r/g, '');
  const rc = new RegExp(`^VMTEST-CLI-EXIT ${name} rc=(\\d+)$`, 'm').exec(log);
  const prefix = `VMTEST-CLI-STDERR ${name} `;
  const stderr = log.split('\n').filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
  return { rc: rc ? Number(rc[1]) : -1, stderr };
}

/** A -v counter line ("Suppressed by Comm:12") as a number. */
function verboseCount(stderr: string[], label: string): number {
  const line = stderr.find((l) => l.startsWith(`${label}:`));
  return line === undefined ? NaN : Number(line.slice(label.length + 1));
}

test.serial('vm/kmod: the module keeps only the events of the pid and syscalls it is given, all of them, also while its filter is swapped', async (t) => {
  const run = await vmRun();
  const { file, facts } = requireDone(run, 'kmod-filter');
  const pid = facts['filter.pid']!;
  t.is(facts['self.pid'], pid, 'the filter names the capturing process');
  const syscalls = facts['filter.syscalls']!.split(',');
  const st = guestStats(run, 'kmod-filter');
  t.is(st.drops, 0);
  t.is(st.bug, 0);
  t.true(st.filtered! > 0, `filtered: ${st.filtered}`);
  t.is(st.delivered, st.evts);
  // the filter was swapped 100 times while another process's calls were being judged
  // (all filtered): the module went on, nothing of that process came through
  t.regex(run.consoleLog, /^VMTEST-FILTER-SWAPS kmod-filter 100\s*$/m);
  t.notRegex(run.consoleLog, /\b(BUG|Oops|general protection fault)\b/);

  // every record the module wrote: this process, these syscalls (by any name their
  // events have) or the tracepoint events of this process
  const allowed = new Set(['procexit', 'signaldeliver']);
  for (const name of syscalls) for (const n of eventTypeNames(SYSCALL_NR_X86_64[name]!)) allowed.add(n);
  const all = both(t, file, 'evt.num > 0', '%proc.pid %evt.type');
  t.true(all.length > 100, `${all.length} events`);
  const strays = all.filter((l) => {
    const [p, type] = l.split(' ');
    return p !== pid || !allowed.has(type!);
  });
  t.deepEqual(strays.slice(0, 20), [], `${strays.length} events of another process or syscall`);
  t.true(all.some((l) => l === `${pid} signaldeliver`), 'the signal the workload sends itself');

  // nothing was lost: the workloads' calls of these syscalls, one for one
  t.deepEqual(workloadSequence(t, file, pid, syscalls), unfilteredSequence(t, run, syscalls));
  const path = esc(facts['file.path']!);
  const lines = both(t, file, `evt.type in (openat, read) and fd.name contains ${facts['file.path']}`);
  one(t, lines, new RegExp(`^${pid} < openat fd=${facts['file.fdw']}\\(<f>${path}\\) dirfd=-100\\(AT_FDCWD\\) name=${path} flags=262\\(O_TRUNC\\|O_CREAT\\|O_WRONLY\\) mode=0640 dev=[0-9A-F]+ $`), 'openat exit (write)');
  one(t, lines, new RegExp(`^${pid} > read fd=${facts['file.fdr']}\\(<f>${path}\\) size=100 $`), 'read enter');
  one(t, lines, new RegExp(`^${pid} < read res=${facts['file.payload']!.length} data=${esc(facts['file.payload']!)} $`), 'read exit');
});

test.serial('vm/kmod: `sinspect --kmod -U COMM` captures nothing of that comm and everything else', async (t) => {
  const run = await vmRun();
  const { file, facts } = requireDone(run, 'cli-suppress');
  const cli = cliResult(run, 'cli-suppress');
  t.is(cli.rc, 0, cli.stderr.join('\n'));
  t.is(verboseCount(cli.stderr, 'Driver Drops'), 0, cli.stderr.join('\n'));
  t.true(verboseCount(cli.stderr, 'Suppressed by Comm') > 0, cli.stderr.join('\n'));

  const lines = both(t, file, 'evt.num > 0', '%thread.tid %proc.name %evt.dir %evt.type %evt.args');
  const pid = facts['self.pid']!;
  const dir = facts['file.path']!.replace(/\/data\.txt$/, '');
  // the workload (comm sinspect-vmtest) is seen only until its own execve takes that
  // name: the child of the guest's shell it was before, under the shell's name. After
  // the execve enter only context switches come (while the kernel loads the program,
  // under the old name); the execve exit is already the new program's.
  const mine = lines.filter((l) => l.startsWith(`${pid} `));
  const execEnter = mine.findIndex((l) => new RegExp(`^${pid} \\S+ > execve filename=/sinspect-vmtest $`).test(l));
  t.true(execEnter > 0, `the shell's child before its execve:\n${mine.join('\n')}`);
  const after = mine.slice(execEnter + 1);
  t.true(after.every((l) => / > switch /.test(l)), after.join('\n'));
  t.true(lines.some((l) => new RegExp(`< (clone|clone3|fork|vfork) res=${pid}\\b`).test(l)), 'the shell\'s clone that made it');
  t.deepEqual(lines.filter((l) => l.includes(dir)), [], 'no event touches the workload directory');
  t.deepEqual(lines.filter((l) => / sinspect-vmtest [<>] /.test(l)), [], 'no event of the comm');
  // its child runs as sh from its execve on (the enter was still the workload's)
  const child = facts['exec.pid']!;
  const ex = lines.filter((l) => l.startsWith(`${child} `));
  t.true(ex.some((l) => l.startsWith(`${child} sh < execve res=0 exe=/bin/sh args=-c.exit 7.sinspect-arg0.second arg. `)), ex.join('\n'));
  t.true(ex.includes(`${child} sh > procexit status=1792 ret=7 sig=0 core=0 `), ex.join('\n'));
  t.false(ex.some((l) => l.includes(' > execve ')), 'the execve enter was the workload comm\'s');
  // and the rest of the machine is there: sinspect itself
  t.true(lines.some((l) => / node < openat /.test(l)), 'sinspect\'s own opens');

  const s = sysdigRead(file, []);
  const o = sinspectRead(file, []);
  t.is(o.lines.length, s.lines.length);
  const first = o.lines.findIndex((l, i) => l !== s.lines[i]);
  t.is(first, -1, first < 0 ? '' : `first difference at line ${first + 1}:\nsysdig:   ${s.lines[first]}\nsinspect: ${o.lines[first]}`);
});

test.serial('vm/kmod: a filter pushed down to the module keeps exactly its events and counts the rest', async (t) => {
  const run = await vmRun();
  const { file, facts } = requireDone(run, 'cli-pushdown');
  const cli = cliResult(run, 'cli-pushdown');
  t.is(cli.rc, 0, cli.stderr.join('\n'));
  t.is(verboseCount(cli.stderr, 'Driver Drops'), 0, cli.stderr.join('\n'));
  const suppressed = verboseCount(cli.stderr, 'Suppressed by Comm');
  const written = verboseCount(cli.stderr, 'Driver Events');
  t.log(`module: ${written} events written, ${suppressed} filtered`);
  // the other processes' events (sinspect's own first) stayed in the kernel
  t.true(suppressed > 0, cli.stderr.join('\n'));

  const types = ['openat', 'read', 'close'];
  const pid = facts['self.pid']!;
  const all = both(t, file, 'evt.num > 0', '%proc.pid %evt.type');
  t.true(all.length > 0 && all.every((l) => l.startsWith(`${pid} `) && types.includes(l.split(' ')[1]!)), all.slice(0, 20).join('\n'));
  t.deepEqual(workloadSequence(t, file, pid, types), unfilteredSequence(t, run, types));
  // fd names resolve: the module kept the state-changing syscalls the filter does not name
  const path = esc(facts['file.path']!);
  const lines = both(t, file, `fd.name contains ${facts['file.path']}`);
  one(t, lines, new RegExp(`^${pid} > read fd=${facts['file.fdr']}\\(<f>${path}\\) size=100 $`), 'read enter');
  t.is(lines.filter((l) => new RegExp(`^${pid} > close fd=\\d+\\(<f>${path}\\) $`).test(l)).length, 2, lines.join('\n'));
});
