// File descriptor state, as libsinsp keeps it per thread group.

/** scap_fd_type values: they are stored in .scap fd lists, so the numbers are fixed. */
export const FdType = {
  UNINITIALIZED: -1,
  UNKNOWN: 0,
  FILE: 1,
  DIRECTORY: 2,
  IPV4_SOCK: 3,
  IPV6_SOCK: 4,
  IPV4_SERVSOCK: 5,
  IPV6_SERVSOCK: 6,
  FIFO: 7,
  UNIX_SOCK: 8,
  EVENT: 9,
  UNSUPPORTED: 10,
  SIGNALFD: 11,
  EVENTPOLL: 12,
  INOTIFY: 13,
  TIMERFD: 14,
  NETLINK: 15,
  FILE_V2: 16,
  BPF: 17,
  USERFAULTFD: 18,
  IOURING: 19,
  MEMFD: 20,
  PIDFD: 21,
} as const;
export type FdTypeValue = (typeof FdType)[keyof typeof FdType];

/** scap_l4_proto values. */
export const L4Proto = { UNKNOWN: 0, NA: 1, TCP: 2, UDP: 3, ICMP: 4, RAW: 5 } as const;

/** Bits of FdInfo.flags (libsinsp's fd flags; only the ones with a visible effect). */
export const FdFlag = {
  FROM_PROC: 1 << 0,
  ROLE_CLIENT: 1 << 2,
  ROLE_SERVER: 1 << 3,
  CLOSE_IN_PROGRESS: 1 << 4,
  CLOSE_CANCELED: 1 << 5,
  IS_SOCKET_PIPE: 1 << 6,
  SOCKET_CONNECTED: 1 << 13,
  IS_CLONED: 1 << 14,
  CONNECTION_PENDING: 1 << 15,
  CONNECTION_FAILED: 1 << 16,
} as const;

/**
 * One open file descriptor. Socket endpoints are kept the way libsinsp keeps them:
 * `sip:sport` is the source (client) side and `dip:dport` the destination (server) side
 * for connected sockets; for server sockets only `sip`/`sport` (the bound address) are set.
 * IPv4 addresses are u32 in network byte order read as little-endian numbers (as scap
 * stores them); IPv6 addresses are 16-byte arrays.
 */
export class FdInfo {
  fd = -1;
  type: number = FdType.UNINITIALIZED;
  /** open flags in PPM_O_* encoding */
  openFlags = 0;
  name = '';
  /** the name before the last change (fd.name_changed) */
  oldName = '';
  flags = 0;
  dev = 0;
  mountId = 0;
  ino = 0n;
  l4proto: number = L4Proto.NA;
  sip = 0;
  dip = 0;
  sip6: Uint8Array | undefined;
  dip6: Uint8Array | undefined;
  sport = 0;
  dport = 0;
  /** unix sockets: source and destination kernel pointers */
  unixSource = 0n;
  unixDest = 0n;
  /** time the fd was opened, ns; 0 when it came from the capture's initial fd list */
  openTs = 0n;

  get isSocket(): boolean {
    return (
      this.type === FdType.IPV4_SOCK ||
      this.type === FdType.IPV6_SOCK ||
      this.type === FdType.IPV4_SERVSOCK ||
      this.type === FdType.IPV6_SERVSOCK ||
      this.type === FdType.UNIX_SOCK
    );
  }
  get isServerRole(): boolean {
    return (this.flags & FdFlag.ROLE_SERVER) !== 0;
  }
  get isClientRole(): boolean {
    return (this.flags & FdFlag.ROLE_CLIENT) !== 0;
  }

  clone(): FdInfo {
    const c = new FdInfo();
    Object.assign(c, this);
    return c;
  }
}

/** The fd table of a thread group: threads created with CLONE_FILES share one. */
export class FdTable {
  readonly fds = new Map<number, FdInfo>();

  get(fd: number): FdInfo | undefined {
    return this.fds.get(fd);
  }
  set(info: FdInfo): void {
    this.fds.set(info.fd, info);
  }
  delete(fd: number): boolean {
    return this.fds.delete(fd);
  }
  get size(): number {
    return this.fds.size;
  }
  cloneTable(): FdTable {
    const t = new FdTable();
    for (const [k, v] of this.fds) {
      const c = v.clone();
      c.flags |= FdFlag.IS_CLONED;
      t.fds.set(k, c);
    }
    return t;
  }
}
