// The state engine: libsinsp's sinsp_parser::process_event for one event (the thread
// and fd lookup, enter/exit pairing, the capture filter at the point libsinsp runs it,
// then the parser of the event's family), plus the deferred removals sinsp::next does
// before the next event. Parsers live in parsers/, one file per syscall family.
import { Event } from '../event/event.js';
import { EVENTS, EVENT_COUNT, EC, EF, PPME } from '../generated/schema.js';
import { CANCELED_FD_NUMBER, FdFlag, FdInfo } from './fd.js';
import { State } from './state.js';
import { ThreadFlag, ThreadInfo, NO_EVENT_TYPE } from './thread.js';
import { PARSERS } from './parsers/index.js';
import { readFirstI64, readI64, u16At } from './parsers/read.js';

/** the record flags bit for events a dump kept for state only (SCAP_DF_STATE_ONLY) */
export const DF_STATE_ONLY = 1;
/** SCAP_DF_TRACER */
const DF_TRACER = 2;
const FD_EVENT_FLAGS = EF.CREATES_FD | EF.USES_FD | EF.DESTROYS_FD;
/** libsinsp's SP_EVT_BUF_SIZE: enter events longer than this are not kept */
const MAX_STORED_EVENT = 4096;
/** record prefix + the largest storable event with u32 instead of u16 parameter lengths */
const STORE_BUF_SIZE = 8 + MAX_STORED_EVENT + 2 * 64;
/**
 * Stored enter records are nearly all small (an open's path, a socket's three ints): a
 * thread's buffer starts at this size and is replaced by a STORE_BUF_SIZE one only for
 * a larger record. Small buffers come from Node's shared slab, not an ArrayBuffer each.
 */
const SMALL_STORE_BUF = 512;

/** event types whose exit creates a thread (no placeholder thread is made for them) */
export const CLONE_EXITS = new Set<number>([
  PPME.SYSCALL_CLONE_11_X,
  PPME.SYSCALL_CLONE_16_X,
  PPME.SYSCALL_CLONE_17_X,
  PPME.SYSCALL_CLONE_20_X,
  PPME.SYSCALL_FORK_X,
  PPME.SYSCALL_FORK_17_X,
  PPME.SYSCALL_FORK_20_X,
  PPME.SYSCALL_VFORK_X,
  PPME.SYSCALL_VFORK_17_X,
  PPME.SYSCALL_VFORK_20_X,
  PPME.SYSCALL_CLONE3_X,
]);

export type EventFilter = (ev: Event) => boolean;

export class StateEngine {
  readonly state: State;
  /** the capture filter (sinsp::set_filter), or undefined */
  filter: EventFilter | undefined;
  /** 0.29.3 flags and category of each event type */
  readonly eflags: Uint32Array;
  readonly ecat: Uint32Array;
  /** number of parameters libsinsp sees (min of the table's and the record's) is capped by this */
  readonly tableParams: Uint8Array;
  /** the first parameter is called 'res' or 'fd' (libsinsp's error detection) */
  readonly resFirst: Uint8Array;
  readonly isCloneExit: Uint8Array;
  /** the enter record retrieved for the current exit (libsinsp's m_tmp_evt; kept between events) */
  readonly enterEv = new Event();
  enterLoaded = false;
  /** deferred removals (done by sinsp::next before the next event) */
  tidToRemove = -1;
  tidOfFdsToRemove = -1;
  /** fds to remove: the first fdsToRemoveCount entries (a count, so the array is never reallocated) */
  readonly fdsToRemove: number[] = [];
  fdsToRemoveCount = 0;
  /** released enter-event buffers, reused LIFO (libsinsp's m_tmp_events_buffer) */
  private readonly bufferPool: Buffer[] = [];
  /** current event ts, u32 halves (set by the inspector before process()) */
  tsHi = 0;
  tsLo = 0;

  constructor(state: State) {
    this.state = state;
    const n = EVENT_COUNT;
    this.eflags = new Uint32Array(n);
    this.ecat = new Uint32Array(n);
    this.tableParams = new Uint8Array(n);
    this.resFirst = new Uint8Array(n);
    this.isCloneExit = new Uint8Array(n);
    for (let t = 0; t < n; t++) {
      const info = EVENTS[t];
      if (!info) continue;
      this.eflags[t] = info.flags;
      this.ecat[t] = info.category;
      this.tableParams[t] = info.params.length;
      const p0 = info.params[0]?.name;
      this.resFirst[t] = p0 === 'res' || p0 === 'fd' ? 1 : 0;
      this.isCloneExit[t] = CLONE_EXITS.has(t) ? 1 : 0;
    }
  }

  flagsOf(type: number): number {
    return type < this.eflags.length ? this.eflags[type]! : 0;
  }
  categoryOf(type: number): number {
    return type < this.ecat.length ? this.ecat[type]! : 0;
  }
  /** the number of parameters libsinsp decodes for this event */
  numParams(ev: Event): number {
    const t = ev.type < this.tableParams.length ? this.tableParams[ev.type]! : 0;
    return ev.nparams < t ? ev.nparams : t;
  }
  /** sysdig's default output skips EC_INTERNAL events */
  isInternal(type: number): boolean {
    return (this.categoryOf(type) & EC.INTERNAL) !== 0;
  }

  /**
   * The deferred removals of sinsp::next: the thread that exited and the fds closed by
   * the previous event go away only now, so that the exit/close itself could be
   * formatted with them. Returns false if the fds' thread cannot be found (libsinsp
   * then returns the event without parsing it).
   */
  applyDeferredRemovals(): boolean {
    if (this.tidToRemove !== -1) {
      this.state.removeThread(this.tidToRemove, false);
      this.tidToRemove = -1;
    }
    const n = this.fdsToRemoveCount;
    if (n !== 0) {
      const t = this.state.getThread(this.tidOfFdsToRemove, true);
      if (t === undefined) return false;
      const table = t.getFdTable();
      const fds = this.fdsToRemove;
      for (let i = 0; i < n; i++) table?.delete(fds[i]!);
      this.fdsToRemoveCount = 0;
    }
    return true;
  }

  /**
   * sinsp_parser::process_event. Leaves ev.thread/ev.fd/ev.enter and state.evt set.
   */
  process(ev: Event): void {
    const es = this.state.evt;
    es.reset();
    const type = ev.type;
    this.reset(ev);
    const filter = this.filter;
    let filterLater = false;
    if (filter !== undefined) {
      let eflags = this.flagsOf(type);
      // fields read the fd number of fd events from here (libsinsp: the thread's last fd)
      if (eflags & FD_EVENT_FLAGS && ev.thread !== undefined) ev.fdNum = ev.thread.lastFd;
      if (type === PPME.SYSCALL_WRITE_X) {
        let fd = ev.fd;
        const t = ev.thread;
        if (fd === undefined && t !== undefined) {
          fd = t.getFd(t.lastFd);
          ev.fd = fd;
        }
        if (fd !== undefined && fd.flags & (FdFlag.IS_TRACER_FD | FdFlag.IS_TRACER_FILE)) {
          eflags |= EF.MODIFIES_STATE;
        } else if (ev.flags & DF_TRACER) {
          ev.fd = undefined;
          eflags |= EF.MODIFIES_STATE;
        }
      }
      if (eflags & EF.MODIFIES_STATE) {
        filterLater = true;
      } else if (!this.runFilter(filter, ev)) {
        const t = ev.thread;
        if (t !== undefined && !(eflags & EF.SKIPPARSERESET || type === PPME.SCHEDSWITCH_6_E)) {
          t.lastEventType = NO_EVENT_TYPE;
        }
        es.filteredOut = true;
        return;
      }
    }
    const parser = type < PARSERS.length ? PARSERS[type] : undefined;
    if (parser !== undefined) parser(this, ev);
    if (filterLater && filter !== undefined) {
      if (this.flagsOf(type) & FD_EVENT_FLAGS && ev.thread !== undefined) ev.fdNum = ev.thread.lastFd;
    }
    if (filterLater && filter !== undefined && !this.runFilter(filter, ev)) {
      es.filteredOut = true;
      return;
    }
    if (ev.flags & DF_STATE_ONLY) es.filteredOut = true;
    const fd = ev.fd;
    if (fd !== undefined) es.fdNameChanged = fd.name !== fd.oldName;
  }

  /**
   * Run the capture filter. An event without a thread (page faults and the other
   * EF_SKIPPARSERESET events, a child's clone exit that came before its parent's) is
   * matched against the thread table's entry for its tid, as sinsp_evt::get_thread_info
   * falls back to a lookup; the event itself stays without a thread (sinsp::next does
   * not update the thread's timestamps for it).
   */
  private runFilter(filter: EventFilter, ev: Event): boolean {
    if (ev.thread !== undefined || ev.tid === -1) return filter(ev);
    const found = this.state.lookup(ev.tid);
    if (found === undefined) return filter(ev);
    ev.thread = found;
    try {
      return filter(ev);
    } finally {
      ev.thread = undefined;
    }
  }

  /** sinsp_parser::event_cleanup: an exit releases its thread's stored enter event */
  cleanup(ev: Event): void {
    const t = ev.thread;
    if (t !== undefined && ev.type & 1 && t.lastEventData !== undefined) {
      this.releaseBuffer(t.lastEventData);
      t.lastEventData = undefined;
      t.lastEventCpu = 0xffff;
    }
  }

  /** sinsp_parser::reset: find the thread and fd, pair an exit with its enter */
  reset(ev: Event): boolean {
    const type = ev.type;
    const eflags = this.flagsOf(type);
    const st = this.state;
    if (eflags & EF.SKIPPARSERESET) {
      if (type === PPME.PROCINFO_E) ev.thread = st.lookup(ev.tid);
      return false;
    }
    if (type === PPME.CONTAINER_JSON_E || type === PPME.CONTAINER_JSON_2_E) return true;
    const queryOs = !(this.isCloneExit[type] === 1 || type === PPME.SCHEDSWITCH_6_E);
    const t = st.getThread(ev.tid, queryOs);
    ev.thread = t;
    if (type === PPME.SCHEDSWITCH_6_E || t === undefined) return false;
    if (queryOs) t.flags |= ThreadFlag.ACTIVE;
    if ((type & 1) === 0) {
      t.lastFd = -1;
      t.lastEventType = type;
      if (eflags & EF.USES_FD) {
        const fd = readFirstI64(ev);
        t.lastFd = fd;
        ev.fd = t.getFd(fd);
      }
      t.latency = 0;
      t.latencyEnterHi = this.tsHi;
      t.latencyEnterLo = this.tsLo;
      return true;
    }
    if (t.latencyEnterHi !== 0 || t.latencyEnterLo !== 0) {
      t.latency = (this.tsHi - t.latencyEnterHi) * 4294967296 + (this.tsLo - t.latencyEnterLo);
    }
    if (type === t.lastEventType + 1) {
      t.lastEventCpu = 1;
      const d = t.lastEventData;
      if (d !== undefined && u16At(d, 28) === type - 1) ev.setEnter(d, t.lastEventDataLen);
    } else {
      t.lastEventCpu = 0xffff;
      if (t.lastEventType !== PPME.TRACER_E) return false;
    }
    if (ev.nparams !== 0 && this.resFirst[type] === 1) {
      const res = readFirstI64(ev);
      if (res < 0) this.state.evt.errorCode = -res | 0;
    }
    if (eflags & EF.USES_FD) {
      if (type === PPME.SYSCALL_COPY_FILE_RANGE_X) t.lastFd = readI64(ev, 1);
      const fd = t.getFd(t.lastFd);
      ev.fd = fd;
      if (fd === undefined) return false;
      if (fd.flags & FdFlag.CLOSE_CANCELED) {
        fd.flags &= ~FdFlag.CLOSE_CANCELED;
        this.eraseFd(t, CANCELED_FD_NUMBER, t.getFd(CANCELED_FD_NUMBER), true);
      }
    }
    return true;
  }

  /** sinsp_parser::store_event: keep a copy of the enter record for the exit */
  storeEvent(ev: Event): void {
    const t = ev.thread;
    if (t === undefined) return;
    const large = this.flagsOf(ev.type) & EF.LARGE_PAYLOAD;
    // libsinsp measures the event as scap stores it: u16 parameter lengths unless large
    const scapLen = large ? ev.len : ev.len - 2 * ev.nparams;
    if (scapLen > MAX_STORED_EVENT) return;
    const size = ev.recordSize;
    if (size > STORE_BUF_SIZE) return;
    let d = t.lastEventData;
    if (d === undefined || d.length < size) {
      if (d !== undefined) this.releaseBuffer(d);
      d = this.reserveBuffer(size);
      t.lastEventData = d;
    }
    const src = ev.buf;
    const from = ev.off;
    if (size <= SMALL_STORE_BUF) {
      // a byte loop beats Buffer.copy here: that one makes a Uint8Array view per call
      for (let i = 0; i < size; i++) d[i] = src[from + i]!;
    } else {
      src.copy(d, 0, from, from + size);
    }
    t.lastEventDataLen = size;
    t.lastEventCpu = ev.cpu;
  }

  /**
   * sinsp_parser::retrieve_enter_event: load the stored enter record into enterEv if it
   * is valid and of the matching type. Sets ev.enter.
   */
  retrieveEnter(ev: Event): boolean {
    const t = ev.thread;
    if (t === undefined) return false;
    const d = t.lastEventData;
    if (t.lastEventCpu === 0xffff || d === undefined) return false;
    this.enterEv.load(d, 0);
    this.enterLoaded = true;
    if (this.enterEv.type !== ev.type - 1) {
      t.lastEventCpu = 0xffff;
      return false;
    }
    ev.setEnter(d, t.lastEventDataLen);
    return true;
  }

  /** select/poll/epoll_wait enter: libsinsp writes the ts over its stored event buffer */
  stampStoredBuffer(t: ThreadInfo): void {
    let d = t.lastEventData;
    if (d === undefined) {
      d = this.reserveBuffer(0);
      t.lastEventData = d;
    }
    d.writeUInt32LE(this.tsLo, 8);
    d.writeUInt32LE(this.tsHi, 12);
  }

  /** sinsp_parser::erase_fd: schedule the removal of an fd (after the current event) */
  eraseFd(t: ThreadInfo, fd: number, info: FdInfo | undefined, removeFromTable: boolean): void {
    if (info === undefined) return;
    if (removeFromTable) {
      this.tidOfFdsToRemove = t.tid;
      this.fdsToRemove[this.fdsToRemoveCount++] = fd;
    }
  }

  /**
   * sinsp_threadinfo::add_fd: add (a copy of) info as fd and make it the thread's last
   * fd. `owned`: info was made for this call and may be stored as is.
   */
  addFd(t: ThreadInfo, fd: number, info: FdInfo, owned = false): FdInfo | undefined {
    const table = t.getFdTable();
    const res = table?.add(fd, info, owned);
    t.lastFd = fd;
    return res;
  }

  /** schedule the thread of the current event for removal (procexit) */
  scheduleThreadRemoval(tid: number): void {
    this.tidToRemove = tid;
  }

  /** ts of the current event as a bigint */
  get ts(): bigint {
    return (BigInt(this.tsHi) << 32n) | BigInt(this.tsLo);
  }

  /**
   * A buffer for a stored record of `size` bytes: a released small one when it fits (its
   * old bytes stay, as in libsinsp's reused m_tmp_events_buffer), else a zeroed new one.
   */
  private reserveBuffer(size: number): Buffer {
    if (size > SMALL_STORE_BUF) return Buffer.alloc(STORE_BUF_SIZE);
    const b = this.bufferPool.pop();
    if (b !== undefined) return b;
    return Buffer.allocUnsafe(SMALL_STORE_BUF).fill(0);
  }
  private releaseBuffer(b: Buffer): void {
    if (b.length === SMALL_STORE_BUF && this.bufferPool.length < this.state.threads.size) this.bufferPool.push(b);
  }
}
