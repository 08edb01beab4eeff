// What of the command line reaches the driver's kernel side, the same for --bpf and
// --kmod (kernel-filter.ts), and how it is handed to each engine of the addon.
import test from 'ava';
import { kernelFilterFor, kernelFilterOptions } from '../../sinsp/capture/kernel-filter.js';
import { nativeKmodOptions } from '../../sinsp/capture/kmod.js';
import { nativeCommonOptions } from '../../sinsp/capture/live-engine.js';
import { loadAddon } from '../../sinsp/capture/native.js';
import { parseInspectArgs } from '../../sinsp/cli/options.js';
import { SYSCALL_NR_X86_64 } from '../../sinsp/generated/schema.js';

const nr = (name: string): number => SYSCALL_NR_X86_64[name]!;

test('-U becomes an exclude set of comms, one entry per name', (t) => {
  t.deepEqual(kernelFilterOptions(['bash', 'sshd', 'bash'], { notes: [] }), { commFilter: { mode: 'exclude', values: ['bash', 'sshd'] } });
  t.deepEqual(kernelFilterOptions([], { notes: [] }), {});
});

test('a pushdown plan becomes the syscall set and a pid include set', (t) => {
  t.deepEqual(kernelFilterOptions([], { syscalls: [0, 257], pids: [42], notes: [] }), {
    syscalls: [0, 257],
    pidFilter: { mode: 'include', values: [42] },
  });
});

test('--kmod and --bpf get the same plan from the command line', async (t) => {
  const filter = `evt.type=openat and proc.pid=${process.pid}`;
  const kmod = await kernelFilterFor(parseInspectArgs(['--kmod', '-U', 'bash', filter]));
  const bpf = await kernelFilterFor(parseInspectArgs(['--bpf', '-U', 'bash', filter]));
  t.deepEqual(kmod, bpf);
  t.deepEqual(kmod.options.commFilter, { mode: 'exclude', values: ['bash'] });
  t.deepEqual(kmod.options.pidFilter, { mode: 'include', values: [process.pid] });
  t.true(kmod.options.syscalls?.includes(nr('openat')));
  t.false(kmod.options.syscalls?.includes(nr('write')));
  t.deepEqual(kmod.pushdown.notes, [`evt.type: ${kmod.options.syscalls!.length} syscalls`, `pids: ${process.pid}`]);
});

test('nothing is pushed with --no-pushdown, chisels, -d -w, or a filter that does not parse; -U still is', async (t) => {
  for (const argv of [
    ['--kmod', '--no-pushdown', 'evt.type=openat'],
    ['--kmod', '-c', 'topfiles_bytes', 'evt.type=openat'],
    ['--kmod', '-d', '-w', 'x.scap', 'evt.type=openat'],
    ['--kmod', 'evt.type=openat and ('],
  ]) {
    const f = await kernelFilterFor(parseInspectArgs([...argv.slice(0, 1), '-U', 'bash', ...argv.slice(1)]));
    t.deepEqual(f.options, { commFilter: { mode: 'exclude', values: ['bash'] } }, argv.join(' '));
    t.deepEqual(f.pushdown, { notes: [] });
  }
  // -F keeps the state of every process: the syscalls are pushed, the pid is not
  const fat = await kernelFilterFor(parseInspectArgs(['--kmod', '-F', `evt.type=openat and proc.pid=${process.pid}`]));
  t.truthy(fat.options.syscalls);
  t.is(fat.options.pidFilter, undefined);
});

test('the kernel module engine is given the filter as the eBPF engine is', (t) => {
  const o = {
    syscalls: ['openat', 0],
    pidFilter: { mode: 'include' as const, values: [7, 8] },
    commFilter: { mode: 'exclude' as const, values: ['bash'] },
  };
  const kmod = nativeKmodOptions(o);
  t.like(kmod, { syscalls: [nr('openat'), 0], pidMode: 'include', pids: [7, 8], commMode: 'exclude', comms: ['bash'] });
  // the eBPF engine's options are the common ones plus its own (ring size)
  const common = nativeCommonOptions(o, 0);
  for (const k of ['syscalls', 'pidMode', 'pids', 'commMode', 'comms']) t.deepEqual(kmod[k], common[k], k);
  t.false('pidMode' in nativeKmodOptions({}));
  t.false('commMode' in nativeKmodOptions({}));
  t.throws(() => nativeKmodOptions({ commFilter: { mode: 'exclude', values: Array.from({ length: 300 }, (_, i) => `c${i}`) } }), {
    message: "live capture: the kernel's comm filter (-U) holds at most 256 names (300 given)",
  });
});

test('the addon refuses a malformed filter in one line before it opens a device', (t) => {
  const Kmod = loadAddon().KmodLive as (new (o: Record<string, unknown>) => unknown) | undefined;
  if (!Kmod) return t.pass('this build has no kmod engine');
  const devDir = '/nonexistent-sinspect-devices';
  t.throws(() => new Kmod({ devDir, pidMode: 'sideways' }), { message: "pidMode must be 'include' or 'exclude'" });
  t.throws(() => new Kmod({ devDir, pidMode: 'include', pids: [1, -2] }), { message: 'pids must be process ids (whole numbers)' });
  t.throws(() => new Kmod({ devDir, pidMode: 'include', pids: [1.5] }), { message: 'pids must be process ids (whole numbers)' });
  t.throws(() => new Kmod({ devDir, commMode: 'exclude', comms: [3] }), { message: 'comms must be thread names (strings)' });
  // well-formed: the engine goes on to the devices, which are not there
  t.throws(() => new Kmod({ devDir, commMode: 'exclude', comms: ['bash'], pidMode: 'include', pids: [1] }), {
    message: /^the sinspect kernel module is not loaded \(\/nonexistent-sinspect-devices\/sinspect0 is missing\)/,
  });
});
