// Runs a python3 workload that makes raw system calls (ctypes' syscall(), so
// every argument is exactly what the test chose) while the probe captures,
// and returns the workload's own exit events with what it reported.
import { spawnSync } from 'node:child_process';
import { FLAG_TABLES_CURRENT, SYSCALL_NR_X86_64 } from '../../../sinsp/generated/schema.js';
import { captureDuring, isRoot, type CapturedEvent } from '../../capture/live-harness.js';

/**
 * Defines for the workload:
 *   sc(name, *args) -> the raw result (-errno on failure); ints are passed as
 *                      longs, bytes as NUL-terminated strings, ctypes objects as is;
 *   buf(n) / cstr(bytes) -> ctypes buffers; addr(b) -> a buffer's address;
 *   report(key, value) -> values the test compares with the captured parameters.
 */
const PRELUDE = `import ctypes, json, os, struct, sys
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
NR = json.loads(os.environ['SX_NR'])
_out = {}
def _arg(a):
    if isinstance(a, bytes):
        return ctypes.c_char_p(a)
    if isinstance(a, int):
        return ctypes.c_long(a)
    return a
def sc(name, *args):
    r = libc.syscall(ctypes.c_long(NR[name]), *[_arg(a) for a in args])
    return -ctypes.get_errno() if r == -1 else r
def buf(n):
    return ctypes.create_string_buffer(n)
def cstr(b):
    return ctypes.create_string_buffer(b)
def addr(b):
    return ctypes.addressof(b)
def report(k, v):
    _out[k] = v
print(os.getpid(), flush=True)
`;

const EPILOGUE = `
print(json.dumps(_out), flush=True)
`;

export interface WorkloadResult {
  /** the workload's exit events, in capture order */
  events: CapturedEvent[];
  /** what the workload reported */
  out: Record<string, any>;
  pid: number;
  drops: number;
}

/** Runs `code` (python, after the prelude) under capture of `syscalls`. */
export async function runWorkload(code: string, syscalls: string[], snaplen = 80): Promise<WorkloadResult> {
  let stdout = '';
  const { events, stats } = await captureDuring(
    () => {
      const r = spawnSync('python3', ['-c', PRELUDE + code + EPILOGUE], {
        encoding: 'utf8',
        env: { ...process.env, SX_NR: JSON.stringify(SYSCALL_NR_X86_64) },
      });
      if (r.status !== 0) throw new Error(`workload failed: ${r.stderr}`);
      stdout = r.stdout;
    },
    { syscalls, tracepoints: [], snaplen },
  );
  const lines = stdout.trim().split('\n');
  const pid = Number(lines[0]);
  const out = JSON.parse(lines[lines.length - 1]!) as Record<string, any>;
  return { events: events.filter((e) => e.tid === pid), out, pid, drops: stats.drops };
}

/** The events of one type, in order. */
export const ofType = (evs: CapturedEvent[], type: number): CapturedEvent[] => evs.filter((e) => e.type === type);

/** A value of a flag/enum table of the schema by name (for values PPM does not export). */
export function flag(table: string, name: string): number {
  const v = FLAG_TABLES_CURRENT[table]?.find((f) => f.name === name)?.value;
  if (v === undefined) throw new Error(`no ${name} in flag table ${table}`);
  return v;
}

/** A parameter of an event, by name (its raw bytes). */
export const param = (e: CapturedEvent, name: string): Buffer | undefined => e.params.get(name);

/**
 * One test file's workload, started when the file loads (as root only: the probe needs
 * it), with the lookups its tests make.
 */
export function startWorkload(code: string, syscalls: string[]) {
  const ready = isRoot() ? runWorkload(code, syscalls) : undefined;
  /** the run, once it is over */
  const finished = (): Promise<WorkloadResult> => ready!;
  /**
   * The workload's event of `type` that `match` picks out (python itself makes
   * some of these syscalls too), with what the workload reported.
   */
  async function find(
    type: number,
    match: (e: CapturedEvent, out: Record<string, any>) => boolean = () => true,
  ): Promise<{ e: CapturedEvent; out: Record<string, any> }> {
    const { events, out } = await finished();
    const e = ofType(events, type).find((ev) => match(ev, out));
    if (!e) throw new Error(`no matching event of type ${type}`);
    return { e, out };
  }
  return { finished, find };
}
