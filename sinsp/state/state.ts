// Everything the inspector knows about the machine at the current event, and the
// thread-table operations of libsinsp's sinsp_thread_manager.
import { FdFlag, FdType } from './fd.js';
import { ThreadFlag, ThreadInfo, type ThreadOwner } from './thread.js';
import { ipv4TupleStr } from './sockname.js';
import type { UserInfo, GroupInfo } from './user.js';
import { EventState } from './event-state.js';
import { orderTracker, entriesInOrder } from './unordered-map-order.js';

/** sinsp_container_lookup_state */
export const ContainerLookup = { STARTED: 0, SUCCESSFUL: 1, FAILED: 2 } as const;

/** sinsp_container_type values (container.type prints their names) */
export const ContainerType = {
  DOCKER: 0,
  LXC: 1,
  LIBVIRT_LXC: 2,
  MESOS: 3,
  RKT: 4,
  CUSTOM: 5,
  CRI: 6,
  CONTAINERD: 7,
  CRIO: 8,
  BPM: 9,
  STATIC: 10,
  PODMAN: 11,
} as const;

/** container.type names, by ContainerType value */
export const CONTAINER_TYPE_NAMES = [
  'docker',
  'lxc',
  'libvirt-lxc',
  'mesos',
  'rkt',
  'custom',
  'cri',
  'containerd',
  'cri-o',
  'bpm',
  'static',
  'podman',
];

export interface ContainerMount {
  source: string;
  dest: string;
  mode: string;
  rw: boolean;
  propagation: string;
}

export interface ContainerInfo {
  id: string;
  /** 'docker', 'cri', 'containerd', 'podman', ... as sysdig prints container.type */
  type: string;
  /** the ContainerType number */
  typeId: number;
  name: string;
  image: string;
  imageId: string;
  imageRepo: string;
  imageTag: string;
  imageDigest: string;
  privileged: boolean | undefined;
  mounts: ContainerMount[];
  healthcheck?: string;
  livenessProbe?: string;
  readinessProbe?: string;
  /** the raw JSON the capture carried for it, if any */
  json?: string;
  fullId: string;
  /** ContainerLookup */
  lookupState: number;
  isPodSandbox: boolean;
  /** u32 as libsinsp keeps it (host order) */
  ip: number;
  labels: Map<string, string>;
  env: string[];
  memoryLimit: number;
  swapLimit: number;
  cpuShares: number;
  cpuQuota: number;
  cpuPeriod: number;
  cpusetCpuCount: number;
  mesosTaskId: string;
  createdTime: number;
  /** health probes: [kind, exe, args] (kind: 'healthcheck' | 'liveness_probe' | 'readiness_probe') */
  probes: Array<{ kind: string; exe: string; args: string[] }>;
}

/** a container with libsinsp's defaults (sinsp_container_info's constructor) */
export function newContainerInfo(id: string, typeId: number): ContainerInfo {
  return {
    id,
    type: CONTAINER_TYPE_NAMES[typeId] ?? String(typeId),
    typeId,
    name: '',
    image: '',
    imageId: '',
    imageRepo: '',
    imageTag: '',
    imageDigest: '',
    privileged: false,
    mounts: [],
    fullId: '',
    lookupState: ContainerLookup.SUCCESSFUL,
    isPodSandbox: false,
    ip: 0,
    labels: new Map(),
    env: [],
    memoryLimit: 0,
    swapLimit: 0,
    cpuShares: 1024,
    cpuQuota: 0,
    cpuPeriod: 100000,
    cpusetCpuCount: 0,
    mesosTaskId: '',
    createdTime: 0,
    probes: [],
  };
}

export interface InterfaceV4 {
  name: string;
  addr: number;
  netmask: number;
  bcast: number;
}
export interface InterfaceV6 {
  name: string;
  addr: Uint8Array;
  netmask: Uint8Array;
  bcast: Uint8Array;
}

export interface MachineInfo {
  numCpus: number;
  memoryBytes: bigint;
  maxCpuFrequency: number;
  pageSize?: number;
  hostname: string;
  bootTs?: bigint;
}

/** libsinsp's thread table limit */
export const MAX_THREAD_TABLE_SIZE = 131072;
/** slots of State's thread lookup cache (a power of two) */
const TID_CACHE_SIZE = 4096;

/**
 * A tid's slot in the thread caches: a multiplicative hash of the tid, not its low bits,
 * since captures of containers have tids in pairs that differ by a multiple of 4096 (a
 * host tid and its namespace's), which would take turns in one slot.
 */
function tidSlot(tid: number): number {
  return Math.imul(tid, 0x9e3779b1) >>> 20;
}
const LOOPBACK_ADDR = 0x0100007f;

export class State implements ThreadOwner {
  readonly threads = new Map<number, ThreadInfo>();
  /**
   * A direct-mapped cache in front of `threads` (slot: tidSlot): nearly every
   * event looks its thread up, and an array slot plus a check of the entry beats a hash
   * lookup. An entry counts only while it is the table's (`removed` is set when a thread
   * leaves the table or is replaced), so removals need not touch the cache.
   */
  private readonly tidCache: Array<ThreadInfo | undefined> = new Array<ThreadInfo | undefined>(TID_CACHE_SIZE).fill(undefined);
  /**
   * Tids the table was asked for and did not have, by the same slot: most events of a
   * capture can be procinfo events of threads the capture never describes (the drivers
   * emit them for every thread), and each would otherwise be a hash lookup that misses.
   * addThread clears a tid's entry. NaN: nothing recorded.
   */
  private readonly absentTid = new Float64Array(TID_CACHE_SIZE).fill(NaN);
  /** the order libsinsp's thread table (an unordered_map) walks the threads: fed by addThread/removeThread */
  private readonly threadOrder = orderTracker();
  readonly users = new Map<number, UserInfo>();
  readonly groups = new Map<number, GroupInfo>();
  readonly containers = new Map<string, ContainerInfo>();
  /** container ids whose lookup has been recorded (libsinsp's m_lookups) */
  readonly containerLookups = new Map<string, number>();
  ipv4Interfaces: InterfaceV4[] = [];
  ipv6Interfaces: InterfaceV6[] = [];
  machine: MachineInfo | undefined;
  /** ports of the server sockets found in the capture's fd lists */
  readonly serverPorts = new Set<number>();
  /** ts of the first and of the latest event read, as u32 halves */
  firstEventTsHi = 0;
  firstEventTsLo = 0;
  lastEventTsHi = 0;
  lastEventTsLo = 0;
  /** the number of events read so far */
  eventCount = 0;
  maxThreads = MAX_THREAD_TABLE_SIZE;
  /** what parsing the current event found out (error code, filtered out, fd name changed) */
  readonly evt = new EventState();

  get firstEventTs(): bigint {
    return (BigInt(this.firstEventTsHi) << 32n) | BigInt(this.firstEventTsLo);
  }
  get lastEventTs(): bigint {
    return (BigInt(this.lastEventTsHi) << 32n) | BigInt(this.lastEventTsLo);
  }

  thread(tid: number): ThreadInfo | undefined {
    return this.lookup(tid);
  }
  find(tid: number): ThreadInfo | undefined {
    return this.lookup(tid);
  }

  /** threads.get(tid), through the cache */
  lookup(tid: number): ThreadInfo | undefined {
    const slot = tidSlot(tid);
    const c = this.tidCache[slot];
    if (c !== undefined && c.tid === tid && !c.removed) return c;
    if (this.absentTid[slot] === tid) return undefined;
    const t = this.threads.get(tid);
    if (t !== undefined) this.tidCache[slot] = t;
    else this.absentTid[slot] = tid;
    return t;
  }
  /** the main thread of tid's process, if known */
  process(tid: number): ThreadInfo | undefined {
    const t = this.threads.get(tid);
    if (!t) return undefined;
    return t.getMainThread() ?? t;
  }

  /**
   * sinsp_thread_manager::get_thread_ref: the thread, or (with `create`) a placeholder
   * "<NA>" thread added to the table, as libsinsp does when reading files (it cannot
   * ask /proc). Undefined when missing and not created, or the table is full.
   */
  getThread(tid: number, create: boolean): ThreadInfo | undefined {
    const t = this.lookup(tid);
    if (t !== undefined || !create || this.threads.size >= this.maxThreads) return t;
    const n = new ThreadInfo();
    n.tid = tid;
    n.pid = tid;
    n.ptid = -1;
    n.comm = '<NA>';
    n.exe = '<NA>';
    n.uid = 0xffffffff;
    n.gid = 0xffffffff;
    n.loginuid = 0xffffffff;
    for (const o of this.threads.values()) if (o.pid === tid) n.nchilds++;
    this.addThread(n, false);
    return this.lookup(tid);
  }

  /** the threads in the order libsinsp walks its thread table */
  threadsInTableOrder(): ThreadInfo[] {
    return entriesInOrder(this.threads, this.threadOrder).map(([, t]) => t);
  }

  mainThreadOf(t: ThreadInfo): ThreadInfo | undefined {
    return this.getThread(t.pid, true);
  }

  /** sinsp_thread_manager::add_thread */
  addThread(t: ThreadInfo, fromProcList: boolean): boolean {
    if (this.threads.size >= this.maxThreads) return false;
    t.owner = this;
    if (!fromProcList) this.incrementMainThreadChildCount(t);
    const old = this.threads.get(t.tid);
    if (old !== undefined && old !== t) old.removed = true;
    this.threads.set(t.tid, t);
    const slot = tidSlot(t.tid);
    if (this.absentTid[slot] === t.tid) this.absentTid[slot] = NaN;
    if (old === undefined) this.threadOrder?.inserted(t.tid);
    return true;
  }

  private incrementMainThreadChildCount(t: ThreadInfo): void {
    if (t.flags & ThreadFlag.CLONE_THREAD) {
      const main = this.getThread(t.pid, true);
      if (main) main.nchilds++;
    }
  }

  /**
   * sinsp_thread_manager::remove_thread: a main thread with live threads stays unless
   * `force`d (then the child counts are rebuilt).
   */
  removeThread(tid: number, force: boolean): void {
    const t = this.threads.get(tid);
    if (t === undefined) return;
    const nchilds = t.nchilds;
    if (nchilds !== 0 && !force) return;
    if (t.flags & ThreadFlag.CLONE_THREAD) {
      const main = this.threads.get(t.pid);
      if (main && main.nchilds > 0) main.nchilds--;
    }
    this.threads.delete(tid);
    this.threadOrder?.erased(tid);
    t.removed = true;
    if (nchilds !== 0) this.recreateChildDependencies();
  }

  /** after loading the process list: count each process' threads */
  createChildDependencies(): void {
    for (const t of [...this.threads.values()]) this.incrementMainThreadChildCount(t);
  }

  recreateChildDependencies(): void {
    for (const t of this.threads.values()) {
      t.nchilds = 0;
      t.mainThreadCache = undefined;
    }
    this.createChildDependencies();
  }

  /**
   * After loading the fd lists: a connected IPv4 socket whose source port is one of the
   * capture's listening ports is the server end (swap it), any other is a client.
   */
  fixSocketsFromProcList(): void {
    for (const t of this.threads.values()) {
      for (const fd of t.fdTable.fds.values()) {
        if (fd.type !== FdType.IPV4_SOCK) continue;
        if (this.serverPorts.has(fd.v4Sport)) {
          const ip = fd.w0;
          const port = fd.v4Sport;
          fd.w0 = fd.w1;
          fd.w1 = ip;
          fd.v4Sport = fd.v4Dport;
          fd.v4Dport = port;
          fd.name = ipv4TupleStr(fd.w0, fd.v4Sport, fd.w1, fd.v4Dport);
          fd.flags |= FdFlag.ROLE_SERVER;
        } else {
          fd.flags |= FdFlag.ROLE_CLIENT;
        }
      }
    }
  }

  /** sinsp_network_interfaces::infer_ipv4_address */
  inferIpv4Address(dest: number): number {
    for (const i of this.ipv4Interfaces) if (i.addr === dest) return i.addr;
    for (const i of this.ipv4Interfaces) if (((i.addr & i.netmask) >>> 0) === ((dest & i.netmask) >>> 0)) return i.addr;
    for (const i of this.ipv4Interfaces) if (i.addr !== LOOPBACK_ADDR) return i.addr;
    return 0;
  }

  /** sinsp_network_interfaces::infer_ipv6_address, on the 4 u32 words of an address */
  inferIpv6Address(dest: number[]): number[] {
    const words = (a: Uint8Array): number[] => [0, 1, 2, 3].map((k) => (a[k * 4]! | (a[k * 4 + 1]! << 8) | (a[k * 4 + 2]! << 16) | (a[k * 4 + 3]! << 24)) >>> 0);
    const nets = this.ipv6Interfaces.map((i) => words(i.addr));
    for (const n of nets) if (n[0] === dest[0] && n[1] === dest[1] && n[2] === dest[2] && n[3] === dest[3]) return n;
    for (const n of nets) if (n[0] === dest[0] && n[1] === dest[1]) return n;
    const loop = [0, 0, 0, 0x01000000];
    for (const n of nets) if (!(n[0] === loop[0] && n[1] === loop[1] && n[2] === loop[2] && n[3] === loop[3])) return n;
    return [0, 0, 0, 0];
  }

  user(uid: number): UserInfo | undefined {
    if (uid === 0xffffffff || uid === -1) return undefined;
    return this.users.get(uid);
  }
  group(gid: number): GroupInfo | undefined {
    if (gid === 0xffffffff || gid === -1) return undefined;
    return this.groups.get(gid);
  }
}
