// The conversion table of the 0.29.3 converter (compat029.ts), derived from the generated
// schema when first needed: for every event type of the current table, which 0.29.3
// records replace it and how each of their parameters is produced.
//
// The eBPF probe sends exit events only, carrying every parameter of the current table.
// sysdig 0.29.3 (libs e5c53d64) wants an enter event before each exit, its own event
// versions (numbers < 336) and its parameter lists. From the schema:
// - SYSCALLS_X86_64 says, per syscall, which exit event the probe sends (`exit`) and
//   which pair 0.29.3's drivers sent (`enter029`/`exit029`, `sc029` for generic ones);
// - EVENTS_CURRENT lists the parameters of what arrives, EVENTS those 0.29.3 knows.
// Enter parameters are found by name among the exit's; an exit that keeps its number
// keeps its first parameters by position (0.29.3's are a prefix of ours, some renamed);
// an exit that changes number (dup2 -> dup, pipe2 -> pipe, accept4 -> ACCEPT4_5, ...)
// takes them by name. The few cases names cannot settle are listed in EXCEPTIONS below.
import {
  EVENTS,
  EVENTS_CURRENT,
  EVENT_COUNT,
  EVENT_ENUM_NAMES,
  DYN_PARAM_TABLES,
  PPME,
  PT,
  SYSCALLS_X86_64,
  SYSCALL_CODE_NAMES,
  SYSDIG029_EVENT_COUNT,
  type ParamInfo,
  type SyscallInfo,
} from '../generated/schema.js';
import {
  absentValue,
  bpfResOrFdRule,
  constRule,
  copyRule,
  fixedSize,
  intRule,
  isSignedType,
  sc029Rule,
  type ParamRule,
} from './compat029-params.js';

/** One output record: its 0.29.3 event type and a rule per 0.29.3 parameter. */
export interface RecordPlan {
  type: number;
  rules: ParamRule[];
}

/** What replaces one input event type. */
export interface EventPlan {
  /** the synthesized enter event; null for events 0.29.3 had without one */
  enter: RecordPlan | null;
  /** the event itself, re-laid to 0.29.3's number and parameters */
  out: RecordPlan;
  /**
   * clone family: the event the new thread returns with (res 0) had no enter event in
   * 0.29.3 (the enter happened in the parent), and libsinsp only creates the child's
   * thread from it when the child is still unknown, so none is synthesized.
   */
  childWithoutEnter: boolean;
  /** 0.29.3 parameters no input parameter provides ("EVENT_ENUM.param"), filled by absentValue */
  absent: string[];
}

export interface Compat029Table {
  /** indexed by input event type; null: 0.29.3 has no form of it, the event is dropped */
  plans: Array<EventPlan | null>;
  /** x86_64 syscall number -> 0.29.3 syscall code (-1: unknown number) */
  sc029ByNr: Int32Array;
  /** current syscall code -> 0.29.3 code (-1: no syscall of the table has it) */
  sc029ByCode: Int32Array;
  /** entries of 0.29.3 bpf exit's dynamic table: the fd (success) and the error */
  bpfDynIndex: { fd: number; res: number };
}

/**
 * Cases the parameter names do not settle, each with why. Everything else is derived
 * from the schema.
 */
const EXCEPTIONS = {
  /** enter parameters taken from an exit parameter of another name: [event, param, source] */
  renamedSources: [
    // dup, dup2 and dup3 all went to PPME_SYSCALL_DUP_E, whose fd is the one duplicated
    [PPME.SYSCALL_DUP_E, 'fd', 'oldfd'],
  ] as Array<[number, string, string]>,
  /** exit events whose child-side event (res 0) gets no enter (see EventPlan) */
  cloneFamily: [PPME.SYSCALL_CLONE_20_X, PPME.SYSCALL_FORK_20_X, PPME.SYSCALL_VFORK_20_X, PPME.SYSCALL_CLONE3_X] as number[],
  /** bpf's 0.29.3 exit has one PT_DYN parameter: the fd on success, else the error */
  bpfExit: PPME.SYSCALL_BPF_X,
};

function isEnterType(type: number): boolean {
  return (type & 1) === 0;
}

function eventName(type: number): string {
  return (EVENT_ENUM_NAMES[type] ?? `event ${type}`).replace(/^PPME_/, '');
}

const STRING_TYPES: readonly number[] = [PT.CHARBUF, PT.FSPATH, PT.FSRELPATH];
const FLAG_TYPES: readonly number[] = [PT.FLAGS8, PT.FLAGS16, PT.FLAGS32];

/**
 * Whether an input parameter holds what a same-named 0.29.3 parameter meant. Flags decoded
 * through another table are not: execveat's enter `flags` are AT_* flags, its exit's are
 * the exe flags; signalfd4/eventfd2/inotify_init1 carry O_* flags where 0.29.3's drivers
 * left the base events' `flags` at 0 (never implemented).
 */
function sameMeaning(src: ParamInfo, dst: ParamInfo): boolean {
  return !FLAG_TYPES.includes(dst.type) || src.table === dst.table;
}

/** The rule that turns input parameter `from` (typed `src`) into a 0.29.3 parameter `dst`. */
function convertRule(from: number, src: ParamInfo, dst: ParamInfo, where: string): ParamRule {
  const ss = fixedSize(src.type);
  const ds = fixedSize(dst.type);
  if (ss !== undefined && ds !== undefined) {
    const ifMissing = absentValue(dst.type);
    return ss === ds ? copyRule(from, ifMissing) : intRule(from, ds, isSignedType(src.type), ifMissing);
  }
  if (ss === undefined && ds === undefined) {
    const same = src.type === dst.type || (STRING_TYPES.includes(src.type) && STRING_TYPES.includes(dst.type));
    if (same) return copyRule(from, absentValue(dst.type));
  }
  throw new Error(`compat029: no conversion for ${where} (type ${src.type} -> ${dst.type})`);
}

interface Layout {
  rules: ParamRule[];
  absent: string[];
}

/** 0.29.3's parameters of `dstType` from the input's by position (same event, a prefix). */
function byPosition(srcType: number, dstType: number): Layout {
  const src = EVENTS_CURRENT[srcType]!.params;
  const out: Layout = { rules: [], absent: [] };
  EVENTS[dstType]!.params.forEach((dst, i) => {
    const where = `${eventName(dstType)}.${dst.name}`;
    const s = src[i];
    if (s && sameMeaning(s, dst)) {
      out.rules.push(convertRule(i, s, dst, where));
    } else {
      out.rules.push(constRule(absentValue(dst.type)));
      out.absent.push(where);
    }
  });
  return out;
}

/** 0.29.3's parameters of `dstType` found by name among the input's. */
function byName(srcType: number, dstType: number): Layout {
  const src = EVENTS_CURRENT[srcType]!.params;
  const out: Layout = { rules: [], absent: [] };
  for (const dst of EVENTS[dstType]!.params) {
    const where = `${eventName(dstType)}.${dst.name}`;
    const renamed = EXCEPTIONS.renamedSources.find(([t, p]) => t === dstType && p === dst.name);
    const srcName = renamed ? renamed[2] : dst.name;
    const i = src.findIndex((p) => p.name === srcName);
    if (dstType === EXCEPTIONS.bpfExit && dst.type === PT.DYN) {
      const fd = src.findIndex((p) => p.name === 'fd' || p.name === 'res');
      if (fd < 0) throw new Error(`compat029: ${eventName(srcType)} has no fd for ${where}`);
      out.rules.push(bpfResOrFdRule(fd));
    } else if (i >= 0 && sameMeaning(src[i]!, dst)) {
      out.rules.push(convertRule(i, src[i]!, dst, where));
    } else {
      out.rules.push(constRule(absentValue(dst.type)));
      out.absent.push(where);
    }
  }
  return out;
}

function u16(v: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(v);
  return b;
}

/** the probe's own generic exit: ID (current code) and nativeID (syscall number) */
function genericPlan(): EventPlan {
  const src = EVENTS_CURRENT[PPME.GENERIC_X]!.params.map((p) => p.name);
  const id = src.indexOf('ID');
  const nativeId = src.indexOf('nativeID');
  if (id < 0 || nativeId < 0) throw new Error('compat029: generic exit without ID/nativeID');
  const enterRules = EVENTS[PPME.GENERIC_E]!.params.map((p) =>
    p.name === 'ID' ? sc029Rule(id, nativeId) : copyRule(nativeId, absentValue(p.type)),
  );
  return {
    enter: { type: PPME.GENERIC_E, rules: enterRules },
    out: { type: PPME.GENERIC_X, rules: [sc029Rule(id, nativeId)] },
    childWithoutEnter: false,
    absent: [],
  };
}

/** a syscall with its own event now that 0.29.3's drivers sent as a generic pair */
function dedicatedToGenericPlan(sys: SyscallInfo): EventPlan {
  const enterRules = EVENTS[PPME.GENERIC_E]!.params.map((p) => constRule(u16(p.name === 'ID' ? sys.sc029 : sys.nr)));
  return {
    enter: { type: PPME.GENERIC_E, rules: enterRules },
    out: { type: PPME.GENERIC_X, rules: [constRule(u16(sys.sc029))] },
    childWithoutEnter: false,
    absent: [],
  };
}

function pairPlan(exitType: number, enter029: number, exit029: number): EventPlan {
  const enter = byName(exitType, enter029);
  const exit = exit029 === exitType ? byPosition(exitType, exit029) : byName(exitType, exit029);
  return {
    enter: { type: enter029, rules: enter.rules },
    out: { type: exit029, rules: exit.rules },
    childWithoutEnter: EXCEPTIONS.cloneFamily.includes(exitType),
    absent: [...enter.absent, ...exit.absent],
  };
}

function syscallsByExitEvent(): Map<number, SyscallInfo[]> {
  const m = new Map<number, SyscallInfo[]>();
  for (const s of Object.values(SYSCALLS_X86_64)) {
    const l = m.get(s.exit);
    if (l) l.push(s);
    else m.set(s.exit, [s]);
  }
  return m;
}

function planFor(type: number, byExit: Map<number, SyscallInfo[]>): EventPlan | null {
  if (isEnterType(type)) {
    // enter-only events (procexit, switch, signaldeliver, page_fault): the same event,
    // 0.29.3's first parameters
    if (type >= SYSDIG029_EVENT_COUNT) return null;
    const l = byPosition(type, type);
    return { enter: null, out: { type, rules: l.rules }, childWithoutEnter: false, absent: l.absent };
  }
  if (type === PPME.GENERIC_X) return genericPlan();
  const sys = byExit.get(type);
  // no x86_64 syscall sends it (older event versions, unused exits): not from the probe
  if (!sys) return null;
  const first = sys[0]!;
  for (const s of sys) {
    if (s.enter029 !== first.enter029 || s.exit029 !== first.exit029) {
      throw new Error(`compat029: ${eventName(type)} stands for syscalls 0.29.3 sent as different events (${first.name}, ${s.name})`);
    }
  }
  if (first.exit029 === PPME.GENERIC_X) {
    if (sys.length > 1) throw new Error(`compat029: ${eventName(type)} stands for several syscalls 0.29.3 sent as generic`);
    return dedicatedToGenericPlan(first);
  }
  if (first.exit029 >= SYSDIG029_EVENT_COUNT || first.enter029 >= SYSDIG029_EVENT_COUNT) {
    throw new Error(`compat029: ${first.name} routed to an event 0.29.3 does not know`);
  }
  return pairPlan(type, first.enter029, first.exit029);
}

function syscallCodeMaps(): { sc029ByNr: Int32Array; sc029ByCode: Int32Array } {
  const all = Object.values(SYSCALLS_X86_64);
  const sc029ByNr = new Int32Array(Math.max(...all.map((s) => s.nr)) + 1).fill(-1);
  const sc029ByCode = new Int32Array(Math.max(...all.map((s) => s.sc)) + 1).fill(-1);
  for (const s of all) {
    sc029ByNr[s.nr] = s.sc029;
    const known = sc029ByCode[s.sc]!;
    if (known >= 0 && known !== s.sc029) throw new Error(`compat029: syscall code ${s.sc} maps to both ${known} and ${s.sc029}`);
    sc029ByCode[s.sc] = s.sc029;
  }
  return { sc029ByNr, sc029ByCode };
}

function bpfDynIndex(): { fd: number; res: number } {
  const table = EVENTS[EXCEPTIONS.bpfExit]!.params[0]?.table;
  const entries = table ? DYN_PARAM_TABLES[table] : undefined;
  const fd = entries?.findIndex((p) => p.type === PT.FD) ?? -1;
  const res = entries?.findIndex((p) => p.type === PT.ERRNO) ?? -1;
  if (fd < 0 || res < 0) throw new Error('compat029: bpf exit has no fd/errno dynamic table');
  return { fd, res };
}

/** Builds the table; throws (one line) when the schema holds a case it cannot convert. */
export function buildCompat029Table(): Compat029Table {
  const byExit = syscallsByExitEvent();
  const plans: Array<EventPlan | null> = [];
  for (let t = 0; t < EVENT_COUNT; t++) plans.push(planFor(t, byExit));
  return { plans, ...syscallCodeMaps(), bpfDynIndex: bpfDynIndex() };
}

/** 0.29.3's code for a syscall code of the current numbering that no table row has */
export function fallbackSc029(code: number): number {
  // the two numberings agree on every code 0.29.3 had (schema/README.md); newer ones
  // were unknown to it, and its drivers sent 0 (<unknown>) for them
  return code < SYSCALL_CODE_NAMES.length ? code : 0;
}

let cached: Compat029Table | undefined;

/** The table, built once per process. */
export function compat029Table(): Compat029Table {
  cached ??= buildCompat029Table();
  return cached;
}
