// The inspector loop: sinsp::init and sinsp::next over a batch source. Every event is
// numbered (evt.num counts every event read, hidden or filtered ones included), runs
// through the state engine (with the capture filter where libsinsp runs it), and the
// events that survive are handed to the caller with ev.thread/ev.fd/ev.fdNum/ev.enter
// set and State.evt describing what parsing found.
import { Event } from './event/event.js';
import { EC, EF, PPME } from './generated/schema.js';
import type { CaptureMetadata } from './capture/types.js';
import { DF_STATE_ONLY, StateEngine, type EventFilter } from './state/engine.js';
import { loadMetadata } from './state/load.js';
import { State } from './state/state.js';
import type { ThreadInfo } from './state/thread.js';

export interface EventSource {
  readonly meta: CaptureMetadata;
  /** the next batch of records, or null at the end; throws after the last good batch on damage */
  nextBatch(): { buf: Buffer; count: number } | null;
  close(): void;
  /** percent of the input consumed (for -P) */
  progressPercent?(): number;
}

export interface InspectorOptions {
  /** the capture filter (sinsp::set_filter); see Inspector.setFilter */
  filter?: EventFilter;
  /** -D: deliver filtered-out internal events too (sinsp's internal events mode) */
  internalEvents?: boolean;
  /** accepted for the CLI's convenience; the snap length only matters to live drivers */
  snaplen?: number;
}

const FD_EVENT_FLAGS = EF.CREATES_FD | EF.USES_FD | EF.DESTROYS_FD;

/**
 * sinsp::next's stamp of a thread's event times (m_prevevent_ts, m_lastevent_ts).
 * The halves are read from the event here rather than passed in: a u32 above 2^31 is
 * not a small integer, and passed to a function that is not inlined it becomes a heap
 * number, an allocation for every other event.
 */
function stampEventTime(t: ThreadInfo, ev: Event): void {
  t.prevEventTsHi = t.lastEventTsHi;
  t.prevEventTsLo = t.lastEventTsLo;
  t.lastEventTsHi = ev.tsHi;
  t.lastEventTsLo = ev.tsLo;
}

function isContainerEvent(type: number): boolean {
  return type === PPME.CONTAINER_E || type === PPME.CONTAINER_JSON_E || type === PPME.CONTAINER_JSON_2_E;
}

export class Inspector {
  readonly state: State;
  readonly engine: StateEngine;
  readonly source: EventSource;
  private readonly internalEvents: boolean;
  private readonly ev = new Event();
  private firstTsSet = false;
  /** a batch partly consumed by the constructor (the capture's leading container events) */
  private held: { buf: Buffer; count: number; index: number; off: number } | undefined;
  /** an error the source threw while the constructor read ahead */
  private deferredError: unknown;
  private ended = false;

  constructor(source: EventSource, opts: InspectorOptions = {}) {
    this.source = source;
    this.state = new State();
    this.engine = new StateEngine(this.state);
    this.engine.filter = opts.filter;
    this.internalEvents = opts.internalEvents ?? false;
    this.snaplen = opts.snaplen;
    this.consumeLeadingContainerEvents();
    loadMetadata(this.state, source.meta);
  }

  /**
   * Set the capture filter. Like sinsp's, it runs inside the state engine: before the
   * parsers for events that don't modify state (a dropped event then changes nothing),
   * after them for the ones that do. A display filter (-d) is instead applied by the
   * caller to what run() delivers.
   */
  setFilter(filter: EventFilter | undefined): void {
    this.engine.filter = filter;
  }

  /** the snap length (-s, or a chisel's set_snaplen): only live drivers use it */
  snaplen: number | undefined;

  setSnaplen(n: number): void {
    this.snaplen = n;
  }

  /** ts of the first event that is not a container description (sinsp's m_firstevent_ts) */
  get firstEventTs(): bigint {
    return this.state.firstEventTs;
  }

  /** the number of events read so far (the last evt.num) */
  get eventCount(): number {
    return this.state.eventCount;
  }

  /** percent of the input read (for -P) */
  progressPercent(): number {
    return this.source.progressPercent?.() ?? 0;
  }

  /** events sysdig's default output never prints (EC_INTERNAL), unless -D */
  isHidden(ev: Event): boolean {
    return !this.internalEvents && this.engine.isInternal(ev.type);
  }

  /**
   * Read every event. `onEvent` gets the events that pass the capture filter (return
   * false to stop); `onFiltered` gets the ones it dropped (sysdig still ticks its
   * progress and chisel timeouts for them). If the source throws (a damaged file),
   * every event before the damage has been processed and delivered, then the error is
   * rethrown.
   */
  run(onEvent: (ev: Event) => boolean | void, onFiltered?: (ev: Event) => void): void {
    if (this.ended) return;
    const held = this.held;
    if (held !== undefined) {
      this.held = undefined;
      if (!this.walk(held.buf, held.count, held.index, held.off, onEvent, onFiltered)) return;
    }
    if (this.deferredError !== undefined) {
      this.ended = true;
      throw this.deferredError;
    }
    for (;;) {
      const batch = this.source.nextBatch();
      if (batch === null) break;
      if (!this.walk(batch.buf, batch.count, 0, 0, onEvent, onFiltered)) return;
    }
    this.ended = true;
  }

  /**
   * run() for a live source, whose batches may be empty while the machine is idle.
   * Between batches it returns to the event loop, so that signal handlers (Ctrl-C,
   * SIGTERM) and timers run; they end the capture by making the source return null.
   */
  async runLive(onEvent: (ev: Event) => boolean | void, onFiltered?: (ev: Event) => void): Promise<void> {
    if (this.ended) return;
    const held = this.held;
    if (held !== undefined) {
      this.held = undefined;
      if (!this.walk(held.buf, held.count, held.index, held.off, onEvent, onFiltered)) return;
    }
    for (;;) {
      const batch = this.source.nextBatch();
      if (batch === null) break;
      if (batch.count > 0 && !this.walk(batch.buf, batch.count, 0, 0, onEvent, onFiltered)) return;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.ended = true;
  }

  close(): void {
    this.source.close();
  }

  /** process records [index, count) of a batch; false when the caller asked to stop */
  private walk(
    buf: Buffer,
    count: number,
    index: number,
    off: number,
    onEvent: (ev: Event) => boolean | void,
    onFiltered: ((ev: Event) => void) | undefined,
  ): boolean {
    const ev = this.ev;
    for (let i = index; i < count; i++) {
      ev.load(buf, off);
      off += 8 + ev.len;
      if (this.step(ev)) {
        if (onEvent(ev) === false) {
          this.ended = true;
          return false;
        }
      } else if (onFiltered !== undefined) {
        onFiltered(ev);
      }
    }
    return true;
  }

  /** sinsp::next for one loaded event; true when it is delivered */
  private step(ev: Event): boolean {
    const lo = ev.tsLo;
    const hi = ev.tsHi;
    const st = this.state;
    const engine = this.engine;
    const type = ev.type;
    engine.tsHi = hi;
    engine.tsLo = lo;
    if (type === PPME.PROCINFO_E && this.firstTsSet && engine.tidToRemove === -1 && engine.fdsToRemoveCount === 0) {
      return this.stepProcinfo(ev);
    }
    if (!this.firstTsSet && type !== PPME.CONTAINER_JSON_E && type !== PPME.CONTAINER_JSON_2_E) {
      st.firstEventTsHi = hi;
      st.firstEventTsLo = lo;
      this.firstTsSet = hi !== 0 || lo !== 0;
    }
    ev.num = ++st.eventCount;
    st.lastEventTsHi = hi;
    st.lastEventTsLo = lo;
    if (!engine.applyDeferredRemovals()) {
      // libsinsp returns such an event unparsed
      st.evt.reset();
      return true;
    }
    engine.process(ev);
    if (st.evt.filteredOut && !(this.internalEvents && engine.categoryOf(type) & EC.INTERNAL)) return false;
    engine.cleanup(ev);
    const t = ev.thread;
    if (t !== undefined) {
      if (type !== PPME.SCHEDSWITCH_1_E && type !== PPME.SCHEDSWITCH_6_E) stampEventTime(t, ev);
    }
    // what fields see (sinsp_evt::get_thread_info, the fd fields' extract_fd): the
    // thread falls back to a table lookup, an fd event's fd to the thread's last fd
    const ft = t ?? (ev.tid !== -1 ? st.lookup(ev.tid) : undefined);
    if (ft !== undefined) {
      ev.thread = ft;
      if (engine.flagsOf(type) & FD_EVENT_FLAGS) {
        ev.fdNum = ft.lastFd;
        if (ev.fd === undefined && ft.lastFd !== -1) ev.fd = ft.getFd(ft.lastFd);
      }
    }
    return true;
  }

  /**
   * step() for a procinfo event when nothing is pending: most events of a capture are
   * procinfo (the drivers emit one per thread and tick), and for them the whole of
   * sinsp::next comes down to this. libsinsp does not parse them (EF_SKIPPARSERESET):
   * they only look their thread up, meet the capture filter (before state, as they do
   * not modify it), and stamp the thread's event times.
   */
  private stepProcinfo(ev: Event): boolean {
    const st = this.state;
    ev.num = ++st.eventCount;
    st.lastEventTsHi = ev.tsHi;
    st.lastEventTsLo = ev.tsLo;
    const es = st.evt;
    es.reset();
    const t = st.lookup(ev.tid);
    ev.thread = t;
    const filter = this.engine.filter;
    if ((filter !== undefined && !filter(ev)) || ev.flags & DF_STATE_ONLY) {
      es.filteredOut = true;
      // procinfo is EC_INTERNAL: -D still delivers it
      if (!this.internalEvents) return false;
    }
    if (t !== undefined) stampEventTime(t, ev);
    return true;
  }

  /**
   * sinsp::init reads the capture's leading container events (and numbers them) before
   * loading the process list, so that the threads resolve to known containers. They are
   * not delivered.
   */
  private consumeLeadingContainerEvents(): void {
    const ev = this.ev;
    for (;;) {
      let batch: { buf: Buffer; count: number } | null;
      try {
        batch = this.source.nextBatch();
      } catch (e) {
        this.deferredError = e;
        return;
      }
      if (batch === null) return;
      let off = 0;
      for (let i = 0; i < batch.count; i++) {
        ev.load(batch.buf, off);
        if (!isContainerEvent(ev.type)) {
          this.held = { buf: batch.buf, count: batch.count, index: i, off };
          return;
        }
        off += 8 + ev.len;
        this.step(ev);
      }
    }
  }
}
