// File descriptor state, as libsinsp keeps it per thread group.
import { FdMap } from './fd-map.js';
import { orderTracker, entriesInOrder, type UnorderedMapOrder } from './unordered-map-order.js';

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

/** Bits of FdInfo.flags (libsinsp's sinsp_fdinfo flags). */
export const FdFlag = {
  FROM_PROC: 1 << 0,
  ROLE_CLIENT: 1 << 2,
  ROLE_SERVER: 1 << 3,
  CLOSE_IN_PROGRESS: 1 << 4,
  CLOSE_CANCELED: 1 << 5,
  IS_SOCKET_PIPE: 1 << 6,
  IS_TRACER_FILE: 1 << 7,
  IS_TRACER_FD: 1 << 8,
  IS_NOT_TRACER_FD: 1 << 9,
  SOCKET_CONNECTED: 1 << 13,
  IS_CLONED: 1 << 14,
  CONNECTION_PENDING: 1 << 15,
  CONNECTION_FAILED: 1 << 16,
} as const;

/** libsinsp parks a close-cancelled fd under this number (INT64_MAX). */
export const CANCELED_FD_NUMBER = Number.MAX_SAFE_INTEGER;
const INT64_MAX = 0x7fffffffffffffffn;

/** the key libsinsp's fd map holds for an fd number (CANCELED_FD_NUMBER stands for INT64_MAX) */
function libsinspFdKey(fd: number): number | bigint {
  return fd === CANCELED_FD_NUMBER ? INT64_MAX : fd;
}

/** libsinsp's MAX_FD_TABLE_SIZE: fds beyond this many per table are not tracked. */
export const MAX_FD_TABLE_SIZE = 4096;

/**
 * One open file descriptor.
 *
 * libsinsp keeps the socket addresses in a C union (ipv4 tuple, ipv6 tuple, ipv4/ipv6
 * server info, unix tuple) and the parsers write through whichever member they think
 * applies, sometimes after the fd changed family. The visible results depend on that
 * aliasing, so the union is kept here as ten little-endian u32 words (`w0`..`w9`, the
 * 40 bytes of the largest member) with the members' fields as accessors:
 *
 * - ipv4 tuple: sip w0, dip w1, sport w2 low, dport w2 high, l4proto byte 12 (w3 low byte)
 * - ipv4 server: ip w0, port w1 low, l4proto byte 6
 * - ipv6 tuple: sip w0..w3, dip w4..w7, sport w8 low, dport w8 high, l4proto byte 36
 * - ipv6 server: ip w0..w3, port w4 low, l4proto byte 18
 * - unix tuple: source w0|w1, dest w2|w3
 *
 * `sip/dip/sport/dport/l4proto/sip6/dip6/unixSource/unixDest` read the member that
 * matches the fd's current type (the server members for server sockets), which is
 * what libsinsp's field extractors do. IPv4 addresses are u32 read little-endian from
 * network-order bytes (as scap stores them).
 */
export class FdInfo {
  fd = -1;
  type: number = FdType.UNINITIALIZED;
  /** open flags in PPM_O_* encoding */
  openFlags = 0;
  name = '';
  /** the name as it was when the fd was looked up for the current event (fd.name_changed) */
  oldName = '';
  flags = 0;
  dev = 0;
  mountId = 0;
  ino = 0n;
  w0 = 0;
  w1 = 0;
  w2 = 0;
  w3 = 0;
  w4 = 0;
  w5 = 0;
  w6 = 0;
  w7 = 0;
  w8 = 0;
  w9 = 0;

  // ---- union members, by name (see the class comment) ----
  get v4Sip(): number {
    return this.w0;
  }
  set v4Sip(v: number) {
    this.w0 = v >>> 0;
  }
  get v4Dip(): number {
    return this.w1;
  }
  set v4Dip(v: number) {
    this.w1 = v >>> 0;
  }
  get v4Sport(): number {
    return this.w2 & 0xffff;
  }
  set v4Sport(v: number) {
    this.w2 = ((this.w2 & 0xffff0000) | (v & 0xffff)) >>> 0;
  }
  get v4Dport(): number {
    return this.w2 >>> 16;
  }
  set v4Dport(v: number) {
    this.w2 = ((this.w2 & 0xffff) | ((v & 0xffff) << 16)) >>> 0;
  }
  get v4L4(): number {
    return this.w3 & 0xff;
  }
  set v4L4(v: number) {
    this.w3 = ((this.w3 & 0xffffff00) | (v & 0xff)) >>> 0;
  }
  get v4sIp(): number {
    return this.w0;
  }
  set v4sIp(v: number) {
    this.w0 = v >>> 0;
  }
  get v4sPort(): number {
    return this.w1 & 0xffff;
  }
  set v4sPort(v: number) {
    this.w1 = ((this.w1 & 0xffff0000) | (v & 0xffff)) >>> 0;
  }
  get v4sL4(): number {
    return (this.w1 >>> 16) & 0xff;
  }
  set v4sL4(v: number) {
    this.w1 = ((this.w1 & 0xff00ffff) | ((v & 0xff) << 16)) >>> 0;
  }
  get v6Sport(): number {
    return this.w8 & 0xffff;
  }
  set v6Sport(v: number) {
    this.w8 = ((this.w8 & 0xffff0000) | (v & 0xffff)) >>> 0;
  }
  get v6Dport(): number {
    return this.w8 >>> 16;
  }
  set v6Dport(v: number) {
    this.w8 = ((this.w8 & 0xffff) | ((v & 0xffff) << 16)) >>> 0;
  }
  get v6L4(): number {
    return this.w9 & 0xff;
  }
  set v6L4(v: number) {
    this.w9 = ((this.w9 & 0xffffff00) | (v & 0xff)) >>> 0;
  }
  get v6sPort(): number {
    return this.w4 & 0xffff;
  }
  set v6sPort(v: number) {
    this.w4 = ((this.w4 & 0xffff0000) | (v & 0xffff)) >>> 0;
  }
  get v6sL4(): number {
    return (this.w4 >>> 16) & 0xff;
  }
  set v6sL4(v: number) {
    this.w4 = ((this.w4 & 0xff00ffff) | ((v & 0xff) << 16)) >>> 0;
  }
  /** the 16 bytes starting at word `first` (ipv6 sip: 0, ipv6 dip: 4) */
  v6Bytes(first: number): Uint8Array {
    const out = new Uint8Array(16);
    for (let k = 0; k < 4; k++) {
      const w = this.word(first + k);
      out[k * 4] = w & 0xff;
      out[k * 4 + 1] = (w >>> 8) & 0xff;
      out[k * 4 + 2] = (w >>> 16) & 0xff;
      out[k * 4 + 3] = w >>> 24;
    }
    return out;
  }
  /** store 16 bytes of `src` (from `at`) into the words starting at `first` */
  setV6Bytes(first: number, src: Uint8Array, at: number): void {
    for (let k = 0; k < 4; k++) {
      const p = at + k * 4;
      this.setWord(first + k, (src[p]! | (src[p + 1]! << 8) | (src[p + 2]! << 16) | (src[p + 3]! << 24)) >>> 0);
    }
  }
  /** the four words starting at `first` equal the four starting at `other` of `o` */
  v6Equals(first: number, o: FdInfo, other: number): boolean {
    for (let k = 0; k < 4; k++) if (this.word(first + k) !== o.word(other + k)) return false;
    return true;
  }
  word(i: number): number {
    switch (i) {
      case 0: return this.w0;
      case 1: return this.w1;
      case 2: return this.w2;
      case 3: return this.w3;
      case 4: return this.w4;
      case 5: return this.w5;
      case 6: return this.w6;
      case 7: return this.w7;
      case 8: return this.w8;
      default: return this.w9;
    }
  }
  setWord(i: number, v: number): void {
    switch (i) {
      case 0: this.w0 = v; break;
      case 1: this.w1 = v; break;
      case 2: this.w2 = v; break;
      case 3: this.w3 = v; break;
      case 4: this.w4 = v; break;
      case 5: this.w5 = v; break;
      case 6: this.w6 = v; break;
      case 7: this.w7 = v; break;
      case 8: this.w8 = v; break;
      default: this.w9 = v;
    }
  }
  /** memset of the first `n` words (memset of an ipv4 tuple is 4 words, of an ipv6 tuple 10) */
  clearWords(n: number): void {
    for (let i = 0; i < n; i++) this.setWord(i, 0);
  }
  get unixSource(): bigint {
    return (BigInt(this.w1) << 32n) | BigInt(this.w0);
  }
  set unixSource(v: bigint) {
    this.w0 = Number(v & 0xffffffffn);
    this.w1 = Number((v >> 32n) & 0xffffffffn);
  }
  get unixDest(): bigint {
    return (BigInt(this.w3) << 32n) | BigInt(this.w2);
  }
  set unixDest(v: bigint) {
    this.w2 = Number(v & 0xffffffffn);
    this.w3 = Number((v >> 32n) & 0xffffffffn);
  }

  // ---- type-dependent views (what field extractors read) ----
  /** source (client) IPv4 address; the bound address for server sockets */
  get sip(): number {
    return this.w0;
  }
  /** destination (server) IPv4 address (IPv4 tuples only, 0 otherwise) */
  get dip(): number {
    return this.type === FdType.IPV4_SOCK ? this.w1 : 0;
  }
  get sport(): number {
    switch (this.type) {
      case FdType.IPV4_SOCK: return this.v4Sport;
      case FdType.IPV4_SERVSOCK: return this.v4sPort;
      case FdType.IPV6_SOCK: return this.v6Sport;
      case FdType.IPV6_SERVSOCK: return this.v6sPort;
      default: return 0;
    }
  }
  get dport(): number {
    switch (this.type) {
      case FdType.IPV4_SOCK: return this.v4Dport;
      case FdType.IPV6_SOCK: return this.v6Dport;
      default: return 0;
    }
  }
  /** the l4 protocol stored for the current type (see also getL4Proto) */
  get l4proto(): number {
    switch (this.type) {
      case FdType.IPV4_SOCK: return this.v4L4;
      case FdType.IPV4_SERVSOCK: return this.v4sL4;
      case FdType.IPV6_SOCK: return this.v6L4;
      case FdType.IPV6_SERVSOCK: return this.v6sL4;
      default: return L4Proto.NA;
    }
  }
  /** IPv6 source address (the bound address for IPv6 server sockets), else undefined */
  get sip6(): Uint8Array | undefined {
    return this.type === FdType.IPV6_SOCK || this.type === FdType.IPV6_SERVSOCK ? this.v6Bytes(0) : undefined;
  }
  get dip6(): Uint8Array | undefined {
    return this.type === FdType.IPV6_SOCK ? this.v6Bytes(4) : undefined;
  }

  /** libsinsp's get_l4proto(): RAW wins, sockets without a role report NA. */
  getL4Proto(): number {
    switch (this.type) {
      case FdType.IPV4_SOCK: {
        const p = this.v4L4;
        if (p === L4Proto.RAW) return L4Proto.RAW;
        return this.isRoleNone ? L4Proto.NA : p;
      }
      case FdType.IPV4_SERVSOCK:
        return this.v4sL4;
      case FdType.IPV6_SOCK: {
        const p = this.v6L4;
        if (p === L4Proto.RAW) return L4Proto.RAW;
        return this.isRoleNone ? L4Proto.NA : p;
      }
      case FdType.IPV6_SERVSOCK:
        return this.v6sL4;
      default:
        return L4Proto.NA;
    }
  }

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
  get isRoleNone(): boolean {
    return (this.flags & (FdFlag.ROLE_CLIENT | FdFlag.ROLE_SERVER)) === 0;
  }
  get isUdpSocket(): boolean {
    return this.type === FdType.IPV4_SOCK && this.v4L4 === L4Proto.UDP;
  }
  get isTcpSocket(): boolean {
    return this.type === FdType.IPV4_SOCK && this.v4L4 === L4Proto.TCP;
  }
  get isConnected(): boolean {
    return (this.flags & FdFlag.SOCKET_CONNECTED) !== 0;
  }
  setRoleServer(): void {
    this.flags |= FdFlag.ROLE_SERVER;
  }
  setRoleClient(): void {
    this.flags |= FdFlag.ROLE_CLIENT;
  }
  setSocketConnected(): void {
    this.flags = (this.flags & ~(FdFlag.CONNECTION_PENDING | FdFlag.CONNECTION_FAILED)) | FdFlag.SOCKET_CONNECTED;
  }
  setSocketPending(): void {
    this.flags = (this.flags & ~(FdFlag.SOCKET_CONNECTED | FdFlag.CONNECTION_FAILED)) | FdFlag.CONNECTION_PENDING;
  }
  setSocketFailed(): void {
    this.flags = (this.flags & ~(FdFlag.SOCKET_CONNECTED | FdFlag.CONNECTION_PENDING)) | FdFlag.CONNECTION_FAILED;
  }

  /** sinsp_fdinfo::copy: every attribute of `o` (the fd number stays) */
  copyFrom(o: FdInfo): void {
    this.type = o.type;
    this.openFlags = o.openFlags;
    this.name = o.name;
    this.oldName = o.oldName;
    this.flags = o.flags;
    this.dev = o.dev;
    this.mountId = o.mountId;
    this.ino = o.ino;
    this.w0 = o.w0;
    this.w1 = o.w1;
    this.w2 = o.w2;
    this.w3 = o.w3;
    this.w4 = o.w4;
    this.w5 = o.w5;
    this.w6 = o.w6;
    this.w7 = o.w7;
    this.w8 = o.w8;
    this.w9 = o.w9;
  }

  clone(): FdInfo {
    const c = new FdInfo();
    c.fd = this.fd;
    c.copyFrom(this);
    return c;
  }
}

/** The fd table of a thread group: threads created with CLONE_FILES share one. */
export class FdTable {
  readonly fds = new FdMap<FdInfo>();
  /** the order libsinsp's unordered_map of this table walks its fds (fed by every insert and erase), when tracked */
  private order: UnorderedMapOrder | undefined = orderTracker(libsinspFdKey);

  get(fd: number): FdInfo | undefined {
    return this.fds.get(fd);
  }
  /** store `info` under its own fd number (no size limit, no close-cancel logic) */
  set(info: FdInfo): void {
    this.fds.set(info.fd, info);
    this.order?.inserted(info.fd);
  }
  delete(fd: number): boolean {
    if (!this.fds.delete(fd)) return false;
    this.order?.erased(fd);
    return true;
  }
  get size(): number {
    return this.fds.size;
  }

  /**
   * sinsp_fdtable::add: add a copy of `info` as `fd`, or overwrite the existing entry.
   * An fd created while its previous incarnation is being closed (close enter seen, exit
   * not yet) is marked CLOSE_CANCELED and the old one is parked as CANCELED_FD_NUMBER.
   * Returns the stored entry, or undefined when the table is full. With `owned`, a new
   * entry is `info` itself (the caller made it for this purpose) instead of a copy.
   */
  add(fd: number, info: FdInfo, owned = false): FdInfo | undefined {
    const cur = this.fds.get(fd);
    if (cur === undefined) {
      if (this.fds.size >= MAX_FD_TABLE_SIZE) return undefined;
      let e = info;
      if (!owned) {
        e = new FdInfo();
        e.copyFrom(info);
      }
      e.fd = fd;
      this.fds.set(fd, e);
      this.order?.inserted(fd);
      return e;
    }
    if (cur.flags & FdFlag.CLOSE_IN_PROGRESS) {
      info.flags = (info.flags & ~FdFlag.CLOSE_IN_PROGRESS) | FdFlag.CLOSE_CANCELED;
      const parked = cur.clone();
      parked.fd = CANCELED_FD_NUMBER;
      this.fds.set(CANCELED_FD_NUMBER, parked);
      this.order?.inserted(CANCELED_FD_NUMBER);
    }
    if (cur !== info) cur.copyFrom(info);
    return cur;
  }

  /** a copy of every entry, marked as cloned (what a forked child inherits) */
  cloneTable(): FdTable {
    const t = new FdTable();
    for (const [k, v] of this.fds) {
      const c = v.clone();
      c.flags |= FdFlag.IS_CLONED;
      t.fds.set(k, c);
    }
    // libsinsp copy-assigns the map: the copy walks its fds in the same order
    t.order = this.order?.clone();
    return t;
  }

  /** [fd, entry] in the order libsinsp walks this table */
  entriesInTableOrder(): Array<[number, FdInfo]> {
    return entriesInOrder(this.fds, this.order);
  }
}
