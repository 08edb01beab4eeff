// What a capture source says about the machine before its first event: the
// contents of a .scap file's metadata blocks, or of a live /proc scan.
//
// Field names are camelCase versions of libscap's. Integers that can exceed 2^53
// (kernel addresses, inode numbers, nanosecond timestamps, capability masks) are
// bigint; the rest are numbers. 64-bit ids keep libscap's signedness (-1 = unset).

/** The machine the capture was taken on (the machine info block). */
export interface MachineInfo {
  numCpus: number;
  memorySizeBytes: number;
  maxPid: number;
  hostname: string;
  /** boot time, ns since the epoch (0 in files from sysdig 0.29.3, where it was reserved) */
  bootTsEpoch: bigint;
  flags: bigint;
  reserved3: bigint;
  reserved4: bigint;
}

/**
 * One open file descriptor of a thread. Every object has every field; which ones
 * mean something depends on `type` (scap_fd_type, see FdType in ../state/fd.ts):
 * - files, directories and most other kinds: `name`
 * - FILE_V2 (regular files): `name`, `openFlags` (PPM_O_*), `dev`
 * - IPV4_SOCK: `sip`/`sport` -> `dip`/`dport`, `l4proto`; IPV4_SERVSOCK: `sip`/`sport`, `l4proto`
 * - IPV6_SOCK: `sip6`/`sport` -> `dip6`/`dport`, `l4proto`; IPV6_SERVSOCK: `sip6`/`sport`, `l4proto`
 * - UNIX_SOCK: `unixSource`, `unixDest` (kernel addresses), `name` (the path)
 * IPv4 addresses are the 4 network-order bytes read as a little-endian u32, as
 * scap stores them; IPv6 addresses are 16 bytes in network order.
 */
export interface CapturedFd {
  fd: number;
  ino: bigint;
  type: number;
  name: string;
  openFlags: number;
  dev: number;
  /** scap_l4_proto (see L4Proto in ../state/fd.ts) */
  l4proto: number;
  sip: number;
  dip: number;
  sip6: Uint8Array | null;
  dip6: Uint8Array | null;
  sport: number;
  dport: number;
  unixSource: bigint;
  unixDest: bigint;
}

/** One thread of the process list, with its fds (libscap's scap_threadinfo). */
export interface CapturedThread {
  tid: number;
  pid: number;
  ptid: number;
  /** session id; -1 when the file's process list predates it */
  sid: number;
  /** process group id as seen from the thread's pid namespace; -1 when unknown */
  vpgid: number;
  /** process group id; -1 when unknown (only newer files and live scans have it) */
  pgid: number;
  comm: string;
  exe: string;
  exepath: string;
  /** command line arguments after argv[0] */
  args: string[];
  /** environment, "NAME=value" entries */
  env: string[];
  cwd: string;
  /** RLIMIT_NOFILE; -1 for unlimited */
  fdlimit: number;
  /** PPM_CL_* flags */
  flags: number;
  uid: number;
  gid: number;
  /** audit login uid; -1 when unset (it is an int32 in sysdig 0.29.3) */
  loginuid: number;
  /** kB */
  vmsize: number;
  vmrss: number;
  vmswap: number;
  pfmajor: number;
  pfminor: number;
  /** ids inside the thread's pid namespace; -1 when unknown */
  vtid: number;
  vpid: number;
  /** "subsystem=path" entries, e.g. "cpuset=/docker/123" */
  cgroups: string[];
  root: string;
  /** controlling terminal (device number), 0 for none */
  tty: number;
  /** ns since the epoch; 0 when unknown (capture files don't carry it) */
  cloneTs: bigint;
  pidnsInitStartTs: bigint;
  exeWritable: boolean;
  exeUpperLayer: boolean;
  exeLowerLayer: boolean;
  exeFromMemfd: boolean;
  capInheritable: bigint;
  capPermitted: bigint;
  capEffective: bigint;
  exeIno: bigint;
  exeInoCtime: bigint;
  exeInoMtime: bigint;
  fds: CapturedFd[];
}

export interface Ipv4Interface {
  name: string;
  /** network-order bytes read as a little-endian u32, like fd addresses */
  addr: number;
  netmask: number;
  bcast: number;
  linkspeed: number;
}

export interface Ipv6Interface {
  name: string;
  addr: Uint8Array;
  netmask: Uint8Array;
  bcast: Uint8Array;
  linkspeed: number;
}

export interface InterfaceList {
  ipv4: Ipv4Interface[];
  ipv6: Ipv6Interface[];
}

export interface CapturedUser {
  uid: number;
  gid: number;
  name: string;
  homedir: string;
  shell: string;
}

export interface CapturedGroup {
  gid: number;
  name: string;
}

export interface CaptureMetadata {
  /** scap format version of the file's section header (1.2 for a live scan) */
  formatVersion: { major: number; minor: number };
  /** null when the source had no machine info block (e.g. plugin captures) */
  machine: MachineInfo | null;
  /** false when the source had no process list block */
  hasProcessList: boolean;
  threads: CapturedThread[];
  /** null when the source had no interface list block */
  interfaces: InterfaceList | null;
  /** false when the source had no user list block; users and groups are then empty */
  hasUserList: boolean;
  users: CapturedUser[];
  groups: CapturedGroup[];
}
