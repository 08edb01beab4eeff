// Everything the inspector knows about the machine at the current event.
import type { ThreadInfo } from './thread.js';
import type { UserInfo, GroupInfo } from './user.js';

export interface ContainerInfo {
  id: string;
  /** 'docker', 'cri', 'containerd', 'podman', ... as sysdig prints container.type */
  type: string;
  name: string;
  image: string;
  imageId: string;
  imageRepo: string;
  imageTag: string;
  imageDigest: string;
  privileged: boolean | undefined;
  mounts: Array<{ source: string; dest: string; mode: string; rw: boolean; propagation: string }>;
  healthcheck?: string;
  livenessProbe?: string;
  readinessProbe?: string;
  /** the raw JSON the capture carried for it, if any */
  json?: string;
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

export class State {
  readonly threads = new Map<number, ThreadInfo>();
  readonly users = new Map<number, UserInfo>();
  readonly groups = new Map<number, GroupInfo>();
  readonly containers = new Map<string, ContainerInfo>();
  ipv4Interfaces: InterfaceV4[] = [];
  ipv6Interfaces: InterfaceV6[] = [];
  machine: MachineInfo | undefined;
  /** ts of the first and of the latest event read */
  firstEventTs = 0n;
  lastEventTs = 0n;
  /** the number of events read so far */
  eventCount = 0;

  thread(tid: number): ThreadInfo | undefined {
    return this.threads.get(tid);
  }
  /** the main thread of tid's process, if known */
  process(tid: number): ThreadInfo | undefined {
    const t = this.threads.get(tid);
    if (!t) return undefined;
    return t.pid === t.tid ? t : this.threads.get(t.pid) ?? t;
  }
}
