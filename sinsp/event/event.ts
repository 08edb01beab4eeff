// The Event view: one reusable object that points into a batch buffer.
//
// Nothing is decoded until asked for: loading a record reads only the fixed header,
// parameter offsets are computed on the first parameter access, and parameter values
// are decoded by whoever needs them (renderers, fields). See docs/ARCHITECTURE.md for
// the record layout.
import type { ThreadInfo } from '../state/thread.js';
import type { FdInfo } from '../state/fd.js';

export const RECORD_PREFIX = 8; // cpu u16, reserved u16, flags u32
export const EVENT_HEADER = 26; // ts u64, tid u64, len u32, type u16, nparams u32
const TWO32 = 4294967296;

/**
 * A u64 thread id as a number: -1 for all ones (no thread). Only for ids that do not fit
 * a small integer: one double stored in a field makes V8 box every later value of it.
 */
function tidOf(hi: number, lo: number): number {
  return hi === 0xffffffff && lo === 0xffffffff ? -1 : hi * TWO32 + lo;
}

export class Event {
  buf: Buffer = Buffer.alloc(0);
  /** a view of buf for reading its little-endian fields */
  view: DataView = new DataView(this.buf.buffer, this.buf.byteOffset, 0);
  /** offset of the record (its cpu field) in buf */
  off = 0;
  /** sequential event number, 1-based, as sysdig counts (evt.num) */
  num = 0;
  type = 0;
  nparams = 0;
  /** bytes from the ppm header to the end of the record */
  len = 0;
  /** thread id; -1 for the all-ones "no thread" value */
  tid = 0;
  /** timestamp halves (u32 each); see ts */
  tsLo = 0;
  tsHi = 0;
  private tsCache: bigint | undefined;
  private offsetsReady = false;
  private readonly paramOff: Uint32Array = new Uint32Array(64);
  private readonly paramLen: Uint32Array = new Uint32Array(64);

  /** state attached by the inspector while the event is processed */
  thread: ThreadInfo | undefined;
  /** the fd this event operates on (after parsing), if any */
  fd: FdInfo | undefined;
  /** the fd number this event operates on, -1 if none */
  fdNum = -1;
  /** the buffer holding the matching enter event's record (see `enter`) and its length */
  private enterData: Buffer | undefined;
  private enterLen = 0;
  /** per-event scratch that parsers leave for fields (e.g. the fd name before close) */
  readonly scratch = new Map<string, unknown>();

  load(buf: Buffer, off: number): void {
    // A DataView read is one (unaligned) load once optimized: four times faster than
    // assembling bytes, and Buffer.readUInt32LE re-validates its offset on every call.
    // This runs for every event of the trace; the view is made once per batch.
    let d = this.view;
    if (buf !== this.buf) {
      this.buf = buf;
      d = this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    }
    this.off = off;
    this.tsLo = d.getUint32(off + 8, true);
    this.tsHi = d.getUint32(off + 12, true);
    this.tsCache = undefined;
    const tidLo = d.getUint32(off + 16, true);
    const tidHi = d.getUint32(off + 20, true);
    // a small integer whenever it fits (see tidOf): tids are Map keys on every event
    this.tid = tidHi === 0 && tidLo <= 0x3fffffff ? tidLo : tidOf(tidHi, tidLo);
    this.len = d.getUint32(off + 24, true);
    this.type = d.getUint16(off + 28, true);
    this.nparams = d.getUint32(off + 30, true);
    this.offsetsReady = false;
    this.thread = undefined;
    this.fd = undefined;
    this.fdNum = -1;
    this.enterData = undefined;
    if (this.scratch.size) this.scratch.clear();
  }

  /** the CPU the event happened on (read when asked: few events are asked) */
  get cpu(): number {
    return this.view.getUint16(this.off, true);
  }

  /** the record's flags (SCAP_DF_*) */
  get flags(): number {
    return this.view.getUint32(this.off + 4, true);
  }

  /**
   * The matching enter event's record, for exit events (a private copy), if known. The
   * view is made only when asked for: most exits are never looked at this way.
   */
  get enter(): Buffer | undefined {
    const d = this.enterData;
    return d === undefined ? undefined : d.subarray(0, this.enterLen);
  }

  /** record `len` bytes of `data` as this exit's enter record */
  setEnter(data: Buffer, len: number): void {
    this.enterData = data;
    this.enterLen = len;
  }

  /** size of the whole record in the batch */
  get recordSize(): number {
    return RECORD_PREFIX + this.len;
  }

  /** timestamp in ns since the epoch */
  get ts(): bigint {
    if (this.tsCache === undefined) this.tsCache = (BigInt(this.tsHi) << 32n) | BigInt(this.tsLo);
    return this.tsCache;
  }

  /** timestamp as a float of ns: exact enough for ordering, not for printing */
  get tsApprox(): number {
    return this.tsHi * TWO32 + this.tsLo;
  }

  /** true for enter events ('>'), false for exit events ('<'): odd types are exits */
  get isEnter(): boolean {
    return (this.type & 1) === 0;
  }

  get dir(): '>' | '<' {
    return (this.type & 1) === 0 ? '>' : '<';
  }

  private computeOffsets(): void {
    const n = Math.min(this.nparams, 64);
    let p = this.off + RECORD_PREFIX + EVENT_HEADER;
    let data = p + this.nparams * 4;
    const d = this.view;
    for (let i = 0; i < n; i++) {
      const l = d.getUint32(p, true);
      this.paramLen[i] = l;
      this.paramOff[i] = data;
      data += l;
      p += 4;
    }
    this.offsetsReady = true;
  }

  /** byte length of parameter i (0 if absent) */
  paramLength(i: number): number {
    if (i >= this.nparams) return 0;
    if (!this.offsetsReady) this.computeOffsets();
    return this.paramLen[i]!;
  }

  /** absolute offset in buf of parameter i's data */
  paramOffset(i: number): number {
    if (!this.offsetsReady) this.computeOffsets();
    return this.paramOff[i]!;
  }

  /**
   * Where the first parameter's data starts (nparams > 0): right after the length array,
   * without computing the other parameters' offsets. Most events are asked for their
   * first parameter only (an fd, a return value, a generic event's syscall code).
   */
  firstParamOffset(): number {
    return this.off + RECORD_PREFIX + EVENT_HEADER + 4 * this.nparams;
  }

  /** the first parameter's length (nparams > 0), see firstParamOffset */
  firstParamLength(): number {
    return this.view.getUint32(this.off + RECORD_PREFIX + EVENT_HEADER, true);
  }

  /**
   * paramLength for a parameter whose offset was just asked for (i < nparams): the
   * parsers' readers ask for both, and each offset check inlines the whole offset
   * computation into them once more (compiled code that is bigger and slower to make).
   */
  paramLengthKnown(i: number): number {
    return this.paramLen[i]!;
  }

  /** a view (no copy) of parameter i's bytes, or undefined if the event lacks it */
  param(i: number): Buffer | undefined {
    if (i >= this.nparams) return undefined;
    if (!this.offsetsReady) this.computeOffsets();
    const o = this.paramOff[i]!;
    return this.buf.subarray(o, o + this.paramLen[i]!);
  }

  /** a private copy of this record (to keep it beyond the batch's lifetime) */
  copyRecord(): Buffer {
    return Buffer.from(this.buf.subarray(this.off, this.off + RECORD_PREFIX + this.len));
  }
}
