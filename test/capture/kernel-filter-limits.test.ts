// The early filter's set sizes: the eBPF probe's maps, the module's ABI and the TS side
// that refuses larger sets (and stops pushing pids past them) must say the same.
import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkKernelFilterSizes, KERNEL_FILTER_LIMITS } from '../../sinsp/capture/kernel-filter-limits.js';
import { packageRoot } from '../../sinsp/driver/paths.js';

const ROOT = packageRoot();

/** max_entries of the map `name` in the probe's helpers/maps.h */
function bpfMapSize(name: string): number {
  const maps = readFileSync(join(ROOT, 'native', 'driver', 'bpf', 'helpers', 'maps.h'), 'utf8');
  const m = new RegExp(`__uint\\(max_entries, (\\d+)\\);[^}]*\\}\\s*${name}\\b`).exec(maps);
  if (!m) throw new Error(`no map ${name} in maps.h`);
  return Number(m[1]);
}

function kmodAbiConstant(name: string): number {
  const abi = readFileSync(join(ROOT, 'native', 'driver', 'kmod', 'sinspect_kmod_abi.h'), 'utf8');
  const m = new RegExp(`#define ${name} (\\d+)`).exec(abi);
  if (!m) throw new Error(`no ${name} in sinspect_kmod_abi.h`);
  return Number(m[1]);
}

test('the probe, the module and the TS side agree on the set sizes', (t) => {
  t.is(bpfMapSize('pid_filter'), KERNEL_FILTER_LIMITS.pids);
  t.is(bpfMapSize('comm_filter'), KERNEL_FILTER_LIMITS.comms);
  t.is(kmodAbiConstant('SINSPECT_KMOD_FILTER_MAX_PIDS'), KERNEL_FILTER_LIMITS.pids);
  t.is(kmodAbiConstant('SINSPECT_KMOD_FILTER_MAX_COMMS'), KERNEL_FILTER_LIMITS.comms);
  // the comm keys: TASK_COMM_LEN in both
  const probeAbi = readFileSync(join(ROOT, 'native', 'driver', 'bpf', 'shared', 'probe_abi.h'), 'utf8');
  t.regex(probeAbi, /#define SINSPECT_COMM_LEN 16\b/);
  t.is(kmodAbiConstant('SINSPECT_KMOD_COMM_LEN'), 16);
});

test('sets larger than the drivers hold are refused with one line', (t) => {
  const pids = Array.from({ length: KERNEL_FILTER_LIMITS.pids }, (_, i) => i + 1);
  const comms = Array.from({ length: KERNEL_FILTER_LIMITS.comms }, (_, i) => `c${i}`);
  t.notThrows(() => checkKernelFilterSizes({ pidFilter: { mode: 'include', values: pids }, commFilter: { mode: 'exclude', values: comms } }));
  t.throws(() => checkKernelFilterSizes({ pidFilter: { mode: 'include', values: [...pids, 5000] } }), {
    message: "live capture: the kernel's pid filter holds at most 1024 processes (1025 given)",
  });
  t.throws(() => checkKernelFilterSizes({ commFilter: { mode: 'exclude', values: [...comms, 'one-more'] } }), {
    message: "live capture: the kernel's comm filter (-U) holds at most 256 names (257 given)",
  });
});
