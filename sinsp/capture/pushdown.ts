// Filter pushdown (beyond sysdig): the parts of the capture filter the live driver (the
// eBPF probe or the kernel module: kernel-filter.ts gives both the same plan) can decide,
// so that events the filter can never accept are not copied out of the kernel.
//
// Only what the filter REQUIRES is pushed (requiredValues: a finite set of values every
// matching event has), and only where the kernel-side test drops nothing the state engine
// needs:
// - `evt.type` -> the set of syscalls captured. Every syscall whose events change the
//   state libsinsp keeps (fd table and fd names, threads and processes, cwd, uids,
//   limits, memory counters) stays in the set whatever the filter says, so fd names and
//   threads come out as in an unfiltered capture. Tracepoint events (procexit, switch,
//   signaldeliver, page faults) are not syscalls and are not affected. The names are
//   those of every table a syscall's events can come in: sysdig 0.29.3's (the module's
//   enter and exit events, and the probe's once converted) and the current one, generic
//   events by their syscall name; the module and the probe select by syscall number, for
//   the enter and the exit alike.
// - `proc.pid` / `thread.tid` -> the driver's pid (tgid) include set, only for processes
//   that exist when the capture starts (the /proc scan gives their state; a process
//   created later would have its fork dropped with its parent's events), only when
//   neither the filter nor the output reads fields about other processes (parent,
//   ancestors, children, session leader), whose later changes the driver would then
//   drop, and only as many as the driver's set holds (KERNEL_FILTER_LIMITS).
// - `proc.name` is not pushed. libsinsp's proc.name is the thread's comm as of its last
//   clone/execve (or /proc scan), while the driver can only test the task's current comm:
//   a thread renamed with prctl(PR_SET_NAME) would be lost, and a process that execs into
//   that name would arrive without its parent's clone and the fds it inherited, because
//   the comm test drops the parent's events, state-changing ones included.
import type { BoolNode } from '../filter/ast.js';
import { filterFields, requiredValues } from '../filter/analysis.js';
import {
  EF,
  EVENTS,
  EVENTS_CURRENT,
  PPME,
  SYSCALL_CODE_NAMES,
  SYSCALL_CODE_NAMES_CURRENT,
  SYSCALLS_X86_64,
  SYSCALL_NR_X86_64,
} from '../generated/schema.js';
import { KERNEL_FILTER_LIMITS } from './kernel-filter-limits.js';

const STATE_FLAGS = EF.MODIFIES_STATE | EF.CREATES_FD | EF.DESTROYS_FD;

/**
 * Syscalls libsinsp's parser (sinsp_parser::process_event of libs e5c53d64) takes state
 * from although their events are not flagged as state-changing: datagram tuples learnt by
 * send/recv, cwd, rlimits, credentials, session and group ids, memory counters, root,
 * socket errors.
 */
const PARSED_FOR_STATE = [
  'sendto', 'sendmsg', 'recvfrom', 'recvmsg', 'sendfile',
  'chdir', 'fchdir', 'getcwd', 'chroot',
  'getrlimit', 'setrlimit', 'prlimit64',
  'setuid', 'setgid', 'setresuid', 'setresgid', 'setsid', 'setpgid',
  'brk', 'mmap', 'munmap',
  'getsockopt', 'shutdown', 'fcntl', 'bind', 'connect',
  'clone', 'clone3', 'fork', 'vfork', 'execve', 'execveat',
];

/** Fields whose value depends on processes other than the event's own. */
const OTHER_PROCESS_FIELD = /\bproc\.(ppid|pname|pcmdline|pexe|pexepath|apid|aname|loginshellid|sname|nchilds)\b/;

function isGeneric(type: number): boolean {
  return type === PPME.GENERIC_E || type === PPME.GENERIC_X;
}

/** The names `evt.type` can show for the events of one syscall (0.29.3 and current tables). */
export function eventTypeNames(nr: number): Set<string> {
  const s = SYSCALLS_X86_64[nr];
  const names = new Set<string>();
  if (!s) return names;
  names.add(s.name);
  for (const t of [s.enter029, s.exit029]) if (!isGeneric(t) && EVENTS[t]) names.add(EVENTS[t]!.name);
  for (const t of [s.enter, s.exit]) if (!isGeneric(t) && EVENTS_CURRENT[t]) names.add(EVENTS_CURRENT[t]!.name);
  const sc029 = SYSCALL_CODE_NAMES[s.sc029];
  if (sc029) names.add(sc029);
  const sc = SYSCALL_CODE_NAMES_CURRENT[s.sc];
  if (sc) names.add(sc);
  return names;
}

let stateSet: Set<number> | undefined;

/** x86_64 numbers of the syscalls that are always captured (see the top of this file). */
export function stateSyscalls(): Set<number> {
  if (stateSet) return stateSet;
  const set = new Set<number>();
  for (const [nrText, s] of Object.entries(SYSCALLS_X86_64)) {
    const flags =
      (EVENTS[s.enter029]?.flags ?? 0) |
      (EVENTS[s.exit029]?.flags ?? 0) |
      (isGeneric(s.enter) ? 0 : EVENTS_CURRENT[s.enter]?.flags ?? 0) |
      (isGeneric(s.exit) ? 0 : EVENTS_CURRENT[s.exit]?.flags ?? 0);
    if (flags & STATE_FLAGS && !(isGeneric(s.exit029) && isGeneric(s.exit))) set.add(Number(nrText));
  }
  for (const name of PARSED_FOR_STATE) {
    const nr = SYSCALL_NR_X86_64[name];
    if (nr !== undefined) set.add(nr);
  }
  stateSet = set;
  return set;
}

/** The syscalls to capture when `evt.type` must be one of `types`: those types, and the state set. */
export function syscallsForEventTypes(types: Set<string>): number[] {
  const out = new Set(stateSyscalls());
  for (const nrText of Object.keys(SYSCALLS_X86_64)) {
    const nr = Number(nrText);
    if (out.has(nr)) continue;
    for (const n of eventTypeNames(nr)) {
      if (types.has(n)) {
        out.add(nr);
        break;
      }
    }
  }
  return [...out].sort((a, b) => a - b);
}

export interface PushdownInput {
  /** the parsed capture filter */
  ast: BoolNode;
  /** the output format and anything else that reads fields of the events (-p) */
  otherFieldText: string;
  /** false when process-level filtering must not happen (-F, -d with -w) */
  allowProcessFilter: boolean;
  /** the process (tgid) a thread id belongs to right now, undefined when there is none */
  tgidOf(tid: number): number | undefined;
}

export interface PushdownPlan {
  /** x86_64 syscall numbers to capture; undefined: all */
  syscalls?: number[];
  /** tgids to capture; undefined: all */
  pids?: number[];
  /** what was pushed, one short phrase per part */
  notes: string[];
}

function integers(values: Set<string>): number[] | undefined {
  const out: number[] = [];
  for (const v of values) {
    if (!/^\d+$/.test(v)) return undefined;
    out.push(Number(v));
  }
  return out;
}

export function planPushdown(input: PushdownInput): PushdownPlan {
  const plan: PushdownPlan = { notes: [] };
  const types = requiredValues(input.ast, 'evt.type');
  if (types !== undefined) {
    plan.syscalls = syscallsForEventTypes(types);
    plan.notes.push(`evt.type: ${plan.syscalls.length} syscalls`);
  }
  if (input.allowProcessFilter && !OTHER_PROCESS_FIELD.test(input.otherFieldText) && !usesOtherProcessFields(input.ast)) {
    const pids = pidsRequired(input);
    if (pids !== undefined && pids.length <= KERNEL_FILTER_LIMITS.pids) {
      plan.pids = pids;
      plan.notes.push(`pids: ${pids.join(',')}`);
    }
  }
  return plan;
}

function usesOtherProcessFields(ast: BoolNode): boolean {
  return filterFields(ast).some((f) => OTHER_PROCESS_FIELD.test(f.name));
}

/** the tgids every matching event belongs to, when they all exist now */
function pidsRequired(input: PushdownInput): number[] | undefined {
  const byPid = requiredValues(input.ast, 'proc.pid');
  if (byPid !== undefined) {
    const pids = integers(byPid);
    if (pids && pids.length > 0 && pids.every((p) => input.tgidOf(p) === p)) return pids;
  }
  const byTid = requiredValues(input.ast, 'thread.tid');
  if (byTid !== undefined) {
    const tids = integers(byTid);
    if (!tids || tids.length === 0) return undefined;
    const tgids = tids.map((t) => input.tgidOf(t));
    if (tgids.every((g): g is number => g !== undefined)) return [...new Set(tgids)].sort((a, b) => a - b);
  }
  return undefined;
}
