// proc.* and thread.*: the process and thread that generated the event.
import type { Event } from '../../event/event.js';
import { u32At } from '../../event/bytes.js';
import { paramBigU, paramU } from '../../event/params.js';
import { PF, PPME, PT } from '../../generated/schema.js';
import { ThreadCategory, type ThreadInfo } from '../../state/thread.js';
import { FieldError, FieldFlag, type Extractor, type FieldContext, type FieldInfo, type FieldValue } from '../types.js';
import { FieldExtractor, type ExtractFn, type ExtractorOptions } from './extractor.js';
import { field, fieldNamed } from './field-info.js';
import { commandLine, mainThread, visitAncestors } from './lineage.js';
import { parseInt32Arg, parseNameGeneric, syntaxError, type FieldNameMatch, type NamedFieldClass } from './names.js';

const fields: FieldInfo[] = [
  field('proc.pid', PT.INT64, PF.ID, 'process id of the process that generated the event.'),
  field('proc.exe', PT.CHARBUF, PF.NA, 'argv[0] of the process: usually the executable, but the process may set anything.'),
  field('proc.name', PT.CHARBUF, PF.NA, 'executable name of the process, without its directory.'),
  field('proc.args', PT.CHARBUF, PF.NA, 'command line arguments of the process, space separated.'),
  field('proc.env', PT.CHARBUF, PF.NA, 'environment variables of the process, space separated.'),
  field('proc.cmdline', PT.CHARBUF, PF.NA, 'proc.name followed by proc.args.'),
  field('proc.exeline', PT.CHARBUF, PF.NA, 'proc.exe followed by proc.args.'),
  field('proc.cwd', PT.CHARBUF, PF.NA, 'current working directory of the process.'),
  field('proc.nthreads', PT.UINT32, PF.DEC, 'number of threads of the process, the main thread included.'),
  field('proc.nchilds', PT.UINT32, PF.DEC, 'number of threads of the process, the main thread excluded.'),
  field('proc.ppid', PT.INT64, PF.ID, 'process id of the parent process.'),
  field('proc.pname', PT.CHARBUF, PF.NA, 'executable name of the parent process, without its directory.'),
  field('proc.pcmdline', PT.CHARBUF, PF.NA, 'proc.name and proc.args of the parent process.'),
  field(
    'proc.apid',
    PT.INT64,
    PF.ID,
    'process id of an ancestor: proc.apid[0] is this process, proc.apid[1] its parent, proc.apid[2] the grandparent and so on. In filters, proc.apid without an index matches any ancestor.',
    FieldFlag.ARG_ALLOWED | FieldFlag.ARG_INDEX,
  ),
  field(
    'proc.aname',
    PT.CHARBUF,
    PF.NA,
    'executable name of an ancestor: proc.aname[0] is this process, proc.aname[1] its parent and so on. In filters, proc.aname without an index matches any ancestor.',
    FieldFlag.ARG_ALLOWED | FieldFlag.ARG_INDEX,
  ),
  field('proc.loginshellid', PT.INT64, PF.ID, 'process id of the oldest ancestor (or this process) whose name ends in "sh": a handle on the login session.'),
  field('proc.duration', PT.RELTIME, PF.DEC, 'nanoseconds since the process was created.'),
  field('proc.fdopencount', PT.UINT64, PF.DEC, 'number of file descriptors the process has open.'),
  field('proc.fdlimit', PT.INT64, PF.DEC, 'maximum number of file descriptors the process may open.'),
  field('proc.fdusage', PT.DOUBLE, PF.DEC, 'open file descriptors as a percentage of proc.fdlimit.'),
  field('proc.vmsize', PT.UINT64, PF.DEC, 'virtual memory size of the process, in kB.'),
  field('proc.vmrss', PT.UINT64, PF.DEC, 'resident (not swapped) memory of the process, in kB.'),
  field('proc.vmswap', PT.UINT64, PF.DEC, 'swapped out memory of the process, in kB.'),
  field('thread.pfmajor', PT.UINT64, PF.DEC, 'major page faults of the thread since it started.'),
  field('thread.pfminor', PT.UINT64, PF.DEC, 'minor page faults of the thread since it started.'),
  field('thread.tid', PT.INT64, PF.ID, 'thread id of the thread that generated the event.'),
  field('thread.ismain', PT.BOOL, PF.NA, 'true when the thread is the main thread of its process.'),
  field('thread.exectime', PT.RELTIME, PF.DEC, 'on scheduler switch events: how long the thread that is switched out ran, in nanoseconds.'),
  field('thread.totexectime', PT.RELTIME, PF.DEC, 'on scheduler switch events: total running time of the thread since the capture started, in nanoseconds.'),
  field('thread.cgroups', PT.CHARBUF, PF.NA, 'every cgroup of the thread, as subsystem=path pairs separated by spaces.'),
  field(
    'thread.cgroup',
    PT.CHARBUF,
    PF.NA,
    'cgroup of the thread for one subsystem, named after a dot: thread.cgroup.memory.',
    FieldFlag.ARG_REQUIRED | FieldFlag.ARG_KEY,
  ),
  field('thread.vtid', PT.INT64, PF.ID, 'thread id as seen inside the thread\'s pid namespace.'),
  field('proc.vpid', PT.INT64, PF.ID, 'process id as seen inside the process\'s pid namespace.'),
  field('thread.cpu', PT.DOUBLE, PF.NA, 'on procinfo events: CPU used by the thread over the last second.'),
  field('thread.cpu.user', PT.DOUBLE, PF.NA, 'on procinfo events: user CPU used by the thread over the last second.'),
  field('thread.cpu.system', PT.DOUBLE, PF.NA, 'on procinfo events: system CPU used by the thread over the last second.'),
  field('thread.vmsize', PT.UINT64, PF.DEC, 'proc.vmsize for the main thread of a process, 0 for its other threads.'),
  field('thread.vmrss', PT.UINT64, PF.DEC, 'proc.vmrss for the main thread of a process, 0 for its other threads.'),
  field('thread.vmsize.b', PT.UINT64, PF.DEC, 'thread.vmsize in bytes.', FieldFlag.HIDDEN),
  field('thread.vmrss.b', PT.UINT64, PF.DEC, 'thread.vmrss in bytes.', FieldFlag.HIDDEN),
  field('proc.sid', PT.INT64, PF.ID, 'session id of the process.'),
  field('proc.sname', PT.CHARBUF, PF.NA, 'name of the session leader: the process whose pid is proc.sid or, when it is gone, the oldest ancestor in the same session.'),
  field('proc.tty', PT.INT32, PF.ID, 'controlling terminal of the process (0: none).'),
  field('proc.exepath', PT.CHARBUF, PF.NA, 'full path of the executable of the process.'),
  field('thread.nametid', PT.CHARBUF, PF.NA, 'proc.name immediately followed by thread.tid.', FieldFlag.HIDDEN),
  field('proc.vpgid', PT.INT64, PF.ID, 'process group id as seen inside the process\'s pid namespace.'),
  field('proc.is_container_healthcheck', PT.BOOL, PF.NA, 'true when the process runs as (part of) its container\'s health check.'),
  field('proc.is_container_liveness_probe', PT.BOOL, PF.NA, 'true when the process runs as (part of) its container\'s liveness probe.'),
  field('proc.is_container_readiness_probe', PT.BOOL, PF.NA, 'true when the process runs as (part of) its container\'s readiness probe.'),
  field('proc.is_exe_writable', PT.BOOL, PF.NA, 'true when the user that started the process can write its executable.'),
];

const info = fieldNamed(fields);

/** proc.apid / proc.aname: `[N]` with a number libsinsp accepts, or nothing at the very end */
function parseAncestorRef(f: FieldInfo, text: string, pos: number): FieldNameMatch {
  const base = pos + f.name.length;
  if (text[base] === '[') {
    const close = text.indexOf(']', base);
    const num = close < 0 ? undefined : text.slice(base + 1, close);
    // libsinsp takes 0 characters when the index is missing or not a number
    if (num === undefined || parseInt32Arg(num) === undefined) return { field: f, arg: undefined, end: pos };
    return { field: f, arg: num, end: close + 1 };
  }
  // without an index the name must be all there is (a filter operand, or the end of a format)
  return { field: f, arg: undefined, end: base === text.length ? base : pos };
}

/** thread.cgroup.NAME: the subsystem name is letters and underscores */
function parseCgroupRef(f: FieldInfo, text: string, pos: number): FieldNameMatch {
  const base = pos + f.name.length;
  if (text[base] !== '.') throw syntaxError(text, pos);
  let p = base + 1;
  while (p < text.length && /[A-Za-z_]/.test(text[p]!)) p++;
  return { field: f, arg: text.slice(base + 1, p), end: p };
}

function b(n: number): bigint {
  return BigInt(n);
}

/** bind a field whose value only needs the event's thread */
function threadField(f: FieldInfo, arg: string | undefined, get: (t: ThreadInfo, ev: Event) => FieldValue | undefined, opts?: ExtractorOptions): Extractor {
  return new FieldExtractor(f, arg, (ev) => (ev.thread ? get(ev.thread, ev) : undefined), opts);
}

/** bind a field whose value comes from the main thread of the event's process */
function mainThreadField(f: FieldInfo, get: (mt: ThreadInfo) => FieldValue): Extractor {
  return threadField(f, undefined, (t) => {
    const mt = mainThread(t);
    return mt ? get(mt) : undefined;
  });
}

/** the time since the previous scheduler switch on the event's CPU (0 for other events) */
function switchIntervalTracker(): (ev: Event) => bigint {
  const lastSwitch = new Map<number, bigint>();
  return (ev) => {
    if (ev.type !== PPME.SCHEDSWITCH_1_E && ev.type !== PPME.SCHEDSWITCH_6_E) return 0n;
    const ts = ev.ts;
    const last = lastSwitch.get(ev.cpu) ?? 0n;
    lastSwitch.set(ev.cpu, ts);
    return last !== 0n ? ts - last : 0n;
  };
}

/** a u64 parameter as a number when it is below 2^52 (exact, with room to add two), else undefined */
function smallU64(ev: Event, i: number): number | undefined {
  if (i >= ev.nparams) return 0;
  if (ev.paramLength(i) !== 8) {
    const n = paramU(ev, i);
    return n === undefined ? 0 : n;
  }
  const o = ev.paramOffset(i);
  const hi = u32At(ev.buf, o + 4);
  return hi < 0x100000 ? hi * 4294967296 + u32At(ev.buf, o) : undefined;
}

/** thread.cpu*: CPU time delta between two procinfo events of a thread, capped at 100 */
function cpuField(f: FieldInfo, user: boolean, system: boolean): Extractor {
  const lastTotal = new WeakMap<ThreadInfo, bigint | number>();
  return threadField(f, undefined, (t, ev) => {
    if (ev.type !== PPME.PROCINFO_E) return undefined;
    // the times are small counters: number arithmetic, with bigints only for huge values
    const u = user ? smallU64(ev, 0) : 0;
    const s = system ? smallU64(ev, 1) : 0;
    let total: bigint | number;
    if (u !== undefined && s !== undefined) total = u + s;
    else total = ((user ? paramBigU(ev, 0) ?? 0n : 0n) + (system ? paramBigU(ev, 1) ?? 0n : 0n)) & 0xffffffffffffffffn;
    const last = lastTotal.get(t) ?? 0;
    lastTotal.set(t, total);
    if (last === 0 || last === 0n) return 0;
    let delta: number;
    if (typeof total === 'number' && typeof last === 'number' && total >= last) delta = total - last;
    else delta = Number((BigInt(total) - BigInt(last)) & 0xffffffffffffffffn); // u64 wrap-around, as libsinsp
    return delta > 100 ? 100 : delta;
  }, { stateful: true });
}

function ancestorAt(t: ThreadInfo, depth: number): ThreadInfo | undefined {
  let cur = mainThread(t);
  for (let j = 0; j < depth && cur; j++) cur = cur.getParent();
  return cur;
}

function ancestors(t: ThreadInfo): ThreadInfo[] | undefined {
  const mt = mainThread(t);
  if (!mt) return undefined;
  const out: ThreadInfo[] = [];
  visitAncestors(mt, (p) => {
    out.push(p);
    return true;
  });
  return out;
}

function ancestorField(f: FieldInfo, arg: string | undefined, pick: (t: ThreadInfo) => FieldValue): Extractor {
  const depth = arg === undefined ? -1 : parseInt32Arg(arg);
  if (depth === undefined) throw new FieldError(`unrecognized field ${f.name}[${arg}]`);
  const extract: ExtractFn = (ev) => {
    if (!ev.thread) return undefined;
    const a = ancestorAt(ev.thread, depth);
    return a ? pick(a) : undefined;
  };
  if (depth !== -1) return new FieldExtractor(f, arg, extract);
  // no index: shown as the process itself, matched in filters against every ancestor
  return new FieldExtractor(f, arg, extract, {
    list: (ev) => (ev.thread ? ancestors(ev.thread)?.map(pick) : undefined),
    listNotEqual: 'any-differs',
  });
}

function sessionLeaderName(t: ThreadInfo): string | undefined {
  const leader = t.owner?.find(t.sid);
  if (leader) return leader.comm;
  // the leader is gone: the oldest ancestor still in the same session stands for it
  let mt = mainThread(t);
  if (!mt) return undefined;
  const sid = mt.sid;
  visitAncestors(mt, (p) => {
    if (p.sid !== sid) return false;
    mt = p;
    return true;
  });
  return mt.comm;
}

function loginShellId(t: ThreadInfo): bigint | undefined {
  const mt = mainThread(t);
  if (!mt) return undefined;
  let found: number | undefined;
  const check = (p: ThreadInfo): boolean => {
    if (p.comm.length >= 2 && p.comm.endsWith('sh')) found = p.pid;
    return true;
  };
  check(mt);
  visitAncestors(mt, check);
  return found === undefined ? undefined : b(found);
}

function fdUsage(mt: ThreadInfo): number {
  const limit = mt.fdlimit;
  if (limit <= 0) return 0;
  const open = mt.fdTable.size;
  return open <= limit ? (open * 100) / limit : 100;
}

function bind(f: FieldInfo, arg: string | undefined, _ctx: FieldContext): Extractor {
  switch (f.name) {
    case 'proc.apid':
      return ancestorField(f, arg, (t) => b(t.pid));
    case 'proc.aname':
      return ancestorField(f, arg, (t) => t.comm);
    case 'thread.cgroup': {
      if (arg === undefined) throw new FieldError(`filter syntax error: ${f.name}`);
      return threadField(f, arg, (t) => {
        for (const [k, v] of t.cgroups) if (k === arg) return v;
        return undefined;
      });
    }
  }
  if (arg !== undefined) throw new FieldError(`unrecognized field ${f.name}[${arg}]`);
  switch (f.name) {
    case 'proc.pid':
      return threadField(f, arg, (t) => b(t.pid));
    case 'proc.exe':
      return threadField(f, arg, (t) => t.exe);
    case 'proc.name':
      return threadField(f, arg, (t) => t.comm);
    case 'proc.args':
      return threadField(f, arg, (t) => t.args.join(' '));
    case 'proc.env':
      return threadField(f, arg, (t) => t.getEnv().join(' '));
    case 'proc.cmdline':
      return threadField(f, arg, (t) => commandLine(t));
    case 'proc.exeline':
      return threadField(f, arg, (t) => t.exe + ' ' + t.args.join(' '));
    case 'proc.cwd':
      return threadField(f, arg, (t) => t.getCwd());
    case 'proc.nthreads':
      return mainThreadField(f, (mt) => mt.nchilds + 1);
    case 'proc.nchilds':
      return threadField(f, arg, (t) => t.nchilds);
    case 'proc.ppid':
      return mainThreadField(f, (mt) => b(mt.ptid));
    case 'proc.pname':
      return threadField(f, arg, (t) => t.getParent()?.comm);
    case 'proc.pcmdline':
      return threadField(f, arg, (t) => {
        const p = t.getParent();
        return p ? commandLine(p) : undefined;
      });
    case 'proc.loginshellid':
      return threadField(f, arg, (t) => loginShellId(t));
    case 'proc.duration':
      return threadField(f, arg, (t, ev) => (t.cloneTs !== 0n ? ev.ts - t.cloneTs : undefined));
    case 'proc.fdopencount':
      return mainThreadField(f, (mt) => b(mt.fdTable.size));
    case 'proc.fdlimit':
      return mainThreadField(f, (mt) => b(mt.fdlimit));
    case 'proc.fdusage':
      return mainThreadField(f, (mt) => fdUsage(mt));
    case 'proc.vmsize':
      return threadField(f, arg, (t) => b(t.vmsize));
    case 'proc.vmrss':
      return threadField(f, arg, (t) => b(t.vmrss));
    case 'proc.vmswap':
      return threadField(f, arg, (t) => b(t.vmswap));
    case 'thread.pfmajor':
      return threadField(f, arg, (t) => b(t.pfmajor));
    case 'thread.pfminor':
      return threadField(f, arg, (t) => b(t.pfminor));
    case 'thread.tid':
      // the event's own tid: defined even when the thread is unknown
      return new FieldExtractor(f, arg, (ev) => b(ev.tid));
    case 'thread.ismain':
      return threadField(f, arg, (t) => t.isMainThread);
    case 'thread.exectime': {
      const interval = switchIntervalTracker();
      return new FieldExtractor(f, arg, (ev) => interval(ev), { stateful: true });
    }
    case 'thread.totexectime': {
      const interval = switchIntervalTracker();
      const totals = new WeakMap<ThreadInfo, bigint>();
      return new FieldExtractor(f, arg, (ev) => {
        const d = interval(ev);
        const t = ev.thread;
        if (!t) return undefined;
        const tot = (totals.get(t) ?? 0n) + d;
        totals.set(t, tot);
        return tot;
      }, { stateful: true });
    }
    case 'thread.cgroups':
      return threadField(f, arg, (t) => (t.cgroups.length ? t.cgroups.map(([k, v]) => `${k}=${v}`).join(' ') : undefined));
    case 'thread.vtid':
      return threadField(f, arg, (t) => (t.vtid === -1 ? undefined : b(t.vtid)));
    case 'proc.vpid':
      return threadField(f, arg, (t) => (t.vpid === -1 ? undefined : b(t.vpid)));
    case 'thread.cpu':
      return cpuField(f, true, true);
    case 'thread.cpu.user':
      return cpuField(f, true, false);
    case 'thread.cpu.system':
      return cpuField(f, false, true);
    case 'thread.vmsize':
      return threadField(f, arg, (t) => (t.isMainThread ? b(t.vmsize) : 0n));
    case 'thread.vmrss':
      return threadField(f, arg, (t) => (t.isMainThread ? b(t.vmrss) : 0n));
    case 'thread.vmsize.b':
      return threadField(f, arg, (t) => (t.isMainThread ? b(t.vmsize) * 1024n : 0n));
    case 'thread.vmrss.b':
      return threadField(f, arg, (t) => (t.isMainThread ? b(t.vmrss) * 1024n : 0n));
    case 'proc.sid':
      return threadField(f, arg, (t) => b(t.sid));
    case 'proc.sname':
      return threadField(f, arg, (t) => sessionLeaderName(t));
    case 'proc.tty':
      return threadField(f, arg, (t) => t.tty | 0);
    case 'proc.exepath':
      return threadField(f, arg, (t) => t.exepath);
    case 'thread.nametid':
      return threadField(f, arg, (t, ev) => t.comm + String(ev.tid));
    case 'proc.vpgid':
      return threadField(f, arg, (t) => b(t.vpgid));
    case 'proc.is_container_healthcheck':
      return threadField(f, arg, (t) => t.category === ThreadCategory.HEALTHCHECK);
    case 'proc.is_container_liveness_probe':
      return threadField(f, arg, (t) => t.category === ThreadCategory.LIVENESS_PROBE);
    case 'proc.is_container_readiness_probe':
      return threadField(f, arg, (t) => t.category === ThreadCategory.READINESS_PROBE);
    case 'proc.is_exe_writable':
      return threadField(f, arg, (t) => t.exeWritable);
  }
  throw new FieldError(`unrecognized field ${f.name}`);
}

export const processFields: NamedFieldClass = {
  name: 'process',
  shortDesc: '',
  desc: 'The process and the thread that generated the event.',
  fields,
  bind,
  parseName(text: string, pos: number): FieldNameMatch | undefined {
    if (text.startsWith('proc.apid', pos)) return parseAncestorRef(info('proc.apid'), text, pos);
    if (text.startsWith('proc.aname', pos)) return parseAncestorRef(info('proc.aname'), text, pos);
    if (text.startsWith('thread.cgroup', pos) && !text.startsWith('thread.cgroups', pos))
      return parseCgroupRef(info('thread.cgroup'), text, pos);
    return parseNameGeneric(this, text, pos);
  },
};
