// Loading a capture's metadata into State, as sinsp::init does after the capture's
// leading container events: the process list (threads and their fds), the network
// interfaces, users and groups, then the parent/child counts and the direction of
// the sockets found in the fd lists.
import type { CaptureMetadata, CapturedFd, CapturedThread } from '../capture/types.js';
import { parseCgroups } from './cgroups.js';
import { resolveContainer } from './containers.js';
import { FdFlag, FdInfo, FdType } from './fd.js';
import { concatenatePathStr } from './paths.js';
import { ipv4TupleStr, ipv6ServerStr, ipv6TupleStr, isV4MappedV6, ipv4ServerStr } from './sockname.js';
import type { State } from './state.js';
import { ThreadFlag, ThreadInfo } from './thread.js';
import { TRACER_DEVICE } from './parsers/files.js';

/**
 * sinsp_threadinfo::add_fd_from_scap: fill `f` with the fd as libsinsp keeps it; false
 * for kinds it skips. libsinsp reuses one fdinfo for all the fds of a thread and only
 * writes the fields each kind has, so bytes of the socket union, dev and mount id
 * carry over from one fd to the next: `f` is that reused object.
 */
function fdFromCapture(state: State, c: CapturedFd, f: FdInfo): boolean {
  f.fd = c.fd;
  f.type = c.type;
  f.openFlags = 0;
  f.flags = FdFlag.FROM_PROC;
  f.ino = c.ino;
  const tracerFlag = (): number => (f.name === TRACER_DEVICE ? FdFlag.IS_TRACER_FILE : FdFlag.IS_NOT_TRACER_FD);
  switch (c.type) {
    case FdType.IPV4_SOCK:
      f.w0 = c.sip >>> 0;
      f.w1 = c.dip >>> 0;
      f.v4Sport = c.sport;
      f.v4Dport = c.dport;
      f.v4L4 = c.l4proto;
      if (c.l4proto === 2) f.flags |= FdFlag.SOCKET_CONNECTED;
      f.name = ipv4TupleStr(f.w0, f.v4Sport, f.w1, f.v4Dport);
      break;
    case FdType.IPV4_SERVSOCK:
      f.v4sIp = c.sip >>> 0;
      f.v4sPort = c.sport;
      f.v4sL4 = c.l4proto;
      f.name = ipv4ServerStr(f);
      state.serverPorts.add(c.sport);
      break;
    case FdType.IPV6_SOCK: {
      const sip = c.sip6 ?? new Uint8Array(16);
      const dip = c.dip6 ?? new Uint8Array(16);
      if (isV4MappedV6(sip) && isV4MappedV6(dip)) {
        f.type = FdType.IPV4_SOCK;
        const w = (b: Uint8Array): number => (b[12]! | (b[13]! << 8) | (b[14]! << 16) | (b[15]! << 24)) >>> 0;
        f.w0 = w(sip);
        f.w1 = w(dip);
        f.v4Sport = c.sport;
        f.v4Dport = c.dport;
        f.v4L4 = c.l4proto;
        if (c.l4proto === 2) f.flags |= FdFlag.SOCKET_CONNECTED;
        f.name = ipv4TupleStr(f.w0, f.v4Sport, f.w1, f.v4Dport);
      } else {
        f.setV6Bytes(0, sip, 0);
        f.setV6Bytes(4, dip, 0);
        f.v6Sport = c.sport;
        f.v6Dport = c.dport;
        f.v6L4 = c.l4proto;
        if (c.l4proto === 2) f.flags |= FdFlag.SOCKET_CONNECTED;
        f.name = ipv6TupleStr(f);
      }
      break;
    }
    case FdType.IPV6_SERVSOCK:
      f.setV6Bytes(0, c.sip6 ?? new Uint8Array(16), 0);
      f.v6sPort = c.sport;
      f.v6sL4 = c.l4proto;
      f.name = ipv6ServerStr(f);
      state.serverPorts.add(c.sport);
      break;
    case FdType.UNIX_SOCK:
      f.unixSource = c.unixSource;
      f.unixDest = c.unixDest;
      f.name = c.name;
      if (f.name === '') f.setRoleClient();
      else f.setRoleServer();
      break;
    case FdType.FILE_V2:
      f.openFlags = c.openFlags >>> 0;
      f.name = c.name;
      f.dev = c.dev >>> 0;
      f.flags |= tracerFlag();
      break;
    case FdType.FIFO:
    case FdType.FILE:
    case FdType.DIRECTORY:
    case FdType.UNSUPPORTED:
    case FdType.SIGNALFD:
    case FdType.EVENTPOLL:
    case FdType.EVENT:
    case FdType.INOTIFY:
    case FdType.TIMERFD:
    case FdType.NETLINK:
      f.name = c.name;
      f.flags |= tracerFlag();
      break;
    default:
      return false;
  }
  return true;
}

/** the environment as set_env keeps it: trailing empty entries (a NUL-padded block) are dropped */
function envList(env: string[]): string[] {
  let n = env.length;
  while (n > 0 && env[n - 1] === '') n--;
  return n === env.length ? env : env.slice(0, n);
}

/**
 * The threads of a process, and often every process of a container, carry the same
 * cgroup list: one parsed list per distinct content lets the container lookup
 * (memoized per list) run once for all of them. Lists are never modified in place.
 */
export type CgroupListMemo = Map<string, Array<[string, string]>>;

function sharedCgroups(memo: CgroupListMemo | undefined, entries: string[]): Array<[string, string]> {
  if (memo === undefined) return parseCgroups(entries);
  const key = entries.join('\0');
  let list = memo.get(key);
  if (list === undefined) {
    list = parseCgroups(entries);
    memo.set(key, list);
  }
  return list;
}

/** sinsp_threadinfo::init(scap_threadinfo*) */
export function threadFromCapture(state: State, c: CapturedThread, cgroupMemo?: CgroupListMemo): ThreadInfo {
  const t = new ThreadInfo();
  t.owner = state;
  t.tid = c.tid;
  t.pid = c.pid;
  t.ptid = c.ptid;
  t.sid = c.sid;
  t.vpgid = c.vpgid;
  t.comm = c.comm;
  t.exe = c.exe;
  t.exepath = c.exepath;
  t.exeWritable = c.exeWritable;
  t.args = c.args;
  // libsinsp decides "main thread" here before adding the list's flags
  if (t.tid === t.pid) {
    t.env = envList(c.env);
    let cwd = concatenatePathStr('', c.cwd, false);
    if (cwd.length === 0 || cwd[cwd.length - 1] !== '/') cwd += '/';
    t.cwd = cwd;
  }
  t.flags |= c.flags | ThreadFlag.ACTIVE;
  t.fdlimit = c.fdlimit;
  t.uid = c.uid >>> 0;
  t.gid = c.gid >>> 0;
  t.vmsize = c.vmsize;
  t.vmrss = c.vmrss;
  t.vmswap = c.vmswap;
  t.pfmajor = c.pfmajor;
  t.pfminor = c.pfminor;
  t.nchilds = 0;
  t.vtid = c.vtid;
  t.vpid = c.vpid;
  t.cloneTs = c.cloneTs;
  t.tty = c.tty;
  t.loginuid = c.loginuid | 0;
  t.cgroups = sharedCgroups(cgroupMemo, c.cgroups);
  t.root = c.root;
  resolveContainer(state, t);
  const scratch = new FdInfo();
  for (const cf of c.fds) {
    if (fdFromCapture(state, cf, scratch)) t.fdTable.add(cf.fd, scratch);
  }
  t.lastEventData = undefined;
  return t;
}

/** Everything sinsp::init loads before the first event. */
export function loadMetadata(state: State, meta: CaptureMetadata): void {
  if (meta.machine) {
    state.machine = {
      numCpus: meta.machine.numCpus,
      memoryBytes: BigInt(meta.machine.memorySizeBytes),
      maxCpuFrequency: 0,
      hostname: meta.machine.hostname,
      bootTs: meta.machine.bootTsEpoch,
    };
  }
  const cgroupMemo: CgroupListMemo = new Map();
  for (const c of meta.threads) state.addThread(threadFromCapture(state, c, cgroupMemo), true);
  if (meta.interfaces) {
    state.ipv4Interfaces = meta.interfaces.ipv4.map((i) => ({ name: i.name, addr: i.addr >>> 0, netmask: i.netmask >>> 0, bcast: i.bcast >>> 0 }));
    state.ipv6Interfaces = meta.interfaces.ipv6.map((i) => ({ name: i.name, addr: i.addr, netmask: i.netmask, bcast: i.bcast }));
  }
  for (const u of meta.users) state.users.set(u.uid >>> 0, { uid: u.uid >>> 0, gid: u.gid >>> 0, name: u.name, homedir: u.homedir, shell: u.shell });
  for (const g of meta.groups) state.groups.set(g.gid >>> 0, { gid: g.gid >>> 0, name: g.name });
  state.createChildDependencies();
  state.fixSocketsFromProcList();
}
