// Live events in sysdig 0.29.3's event table.
//
// The eBPF probe sends exit events only, in the current falcosecurity layout (see
// native/driver/bpf/README.md). sinspect's state engine, renderer and fields, and sysdig
// 0.29.3 reading our -w files, all speak 0.29.3's table, which pairs every syscall exit
// with its enter event: libsinsp takes the fd of I/O events and the state of open,
// connect, dup, ... from the enter. This rewriter turns a batch of such exit records
// into a batch of 0.29.3 records (layout of docs/ARCHITECTURE.md):
// - before each syscall exit, the enter event of 0.29.3's pair for that syscall, its
//   parameters filled from the exit's;
// - the exit itself with 0.29.3's number and parameter list (newer versions such as
//   DUP_1, PIPE2, ACCEPT4_6 become the versions 0.29.3 knows, number < 336);
// - generic events with 0.29.3's syscall codes;
// - enter-only events (procexit, switch, signaldeliver, page_fault) cut to 0.29.3's list.
// What goes where is compat029-table.ts, derived from the schema.
//
// Live captures run the same conversion in C (native/scap/src/compat029.c, on the
// flat form of the same table: compat029-native.ts), in the addon, before batches
// reach JS. This TypeScript version is the readable reference the C one is tested
// against byte for byte (test/capture/compat029-native.test.ts).
//
// Timestamps and latency. The probe does not record when a syscall entered, so the
// enter gets the exit's timestamp minus 1 ns (or the previous record's timestamp when
// that is later, so time never goes back within the stream). evt.latency therefore reads
// 1 ns (0 when clamped) for every syscall of a live capture, and whatever is built on it
// (latency filters, slow-I/O chisels, "duration" spectrograms) sees no real duration.
// An enter always comes right before its exit in the stream: nothing of the same thread
// can come between them, which is all libsinsp needs to pair them.
import { compat029Table, fallbackSc029, type Compat029Table, type RecordPlan } from './compat029-table.js';
import { Rule, type ParamRule } from './compat029-params.js';

/** Header bytes before the parameter lengths: record prefix (8) + event header (26). */
const HEADER = 34;

export interface Compat029Stats {
  /** input records seen */
  events: number;
  /** enter events synthesized */
  entersAdded: number;
  /** input records 0.29.3 has no form of (event types >= 336 without an older version) */
  dropped: number;
}

export class Compat029Converter {
  private readonly table: Compat029Table = compat029Table();
  /** timestamp of the last record written, as high and low 32-bit halves */
  private lastHi = 0;
  private lastLo = 0;
  /** where each parameter of the current input record starts, and its length */
  private starts = new Int32Array(64);
  private lens = new Int32Array(64);
  private nparams = 0;
  /** where records are assembled; reused across batches, each batch leaves as an exact copy */
  private scratch = Buffer.allocUnsafe(1 << 20);
  readonly stats: Compat029Stats = { events: 0, entersAdded: 0, dropped: 0 };

  /** Rewrites one batch; the input buffer is not modified. */
  convert(batch: { buf: Buffer; count: number }): { buf: Buffer; count: number } {
    const src = batch.buf;
    let out = this.scratch;
    let used = 0;
    let count = 0;
    let off = 0;
    for (let i = 0; i < batch.count && off + HEADER <= src.length; i++) {
      const end = off + 8 + get32(src, off + 24);
      const type = get16(src, off + 28);
      this.stats.events++;
      const plan = this.table.plans[type];
      if (!plan) {
        this.stats.dropped++;
        off = end;
        continue;
      }
      this.locateParams(src, off);
      const enter = plan.enter !== null && !(plan.childWithoutEnter && this.resIsZero(src)) ? plan.enter : null;
      const size = (enter ? this.recordSize(enter) : 0) + this.recordSize(plan.out);
      if (used + size > out.length) {
        const bigger = Buffer.allocUnsafe(Math.max(out.length * 2, used + size));
        out.copy(bigger, 0, 0, used);
        out = this.scratch = bigger;
      }
      const exitLo = get32(src, off + 8);
      const exitHi = get32(src, off + 12);
      if (enter) {
        // exit - 1 ns, unless the stream already reached a later time (see above)
        let lo = exitLo - 1;
        let hi = exitHi;
        if (lo < 0) {
          lo = 0xffffffff;
          hi--;
        }
        if (before(hi, lo, this.lastHi, this.lastLo) && !before(exitHi, exitLo, this.lastHi, this.lastLo)) {
          hi = this.lastHi;
          lo = this.lastLo;
        }
        used = this.writeRecord(src, off, enter, hi, lo, out, used);
        count++;
        this.stats.entersAdded++;
      }
      used = this.writeRecord(src, off, plan.out, exitHi, exitLo, out, used);
      count++;
      if (before(this.lastHi, this.lastLo, exitHi, exitLo)) {
        this.lastHi = exitHi;
        this.lastLo = exitLo;
      }
      off = end;
    }
    // consumers may keep records of earlier batches (the last event, chisels): a copy of
    // its own for every batch
    const buf = Buffer.allocUnsafe(used);
    out.copy(buf, 0, 0, used);
    return { buf, count };
  }

  private locateParams(src: Buffer, off: number): void {
    const n = get32(src, off + 30);
    if (n > this.starts.length) {
      this.starts = new Int32Array(n);
      this.lens = new Int32Array(n);
    }
    let p = off + HEADER + 4 * n;
    for (let i = 0; i < n; i++) {
      const len = get32(src, off + HEADER + 4 * i);
      this.starts[i] = p;
      this.lens[i] = len;
      p += len;
    }
    this.nparams = n;
  }

  /** clone family: res (param 0, 8 bytes) is 0 in the new thread's event */
  private resIsZero(src: Buffer): boolean {
    if (this.nparams < 1 || this.lens[0] !== 8) return false;
    const p = this.starts[0]!;
    return get32(src, p) === 0 && get32(src, p + 4) === 0;
  }

  /** whether the input record has parameter i with some bytes */
  private has(i: number): boolean {
    return i < this.nparams && this.lens[i]! > 0;
  }

  private paramSize(r: ParamRule): number {
    switch (r.kind) {
      case Rule.COPY:
        return this.has(r.from) ? this.lens[r.from]! : r.bytes.length;
      case Rule.INT:
        return this.has(r.from) ? r.size : r.bytes.length;
      case Rule.SC029:
        return 2;
      case Rule.BPF_RES_OR_FD:
        return 9;
      default:
        return r.bytes.length;
    }
  }

  private recordSize(rp: RecordPlan): number {
    let n = HEADER + 4 * rp.rules.length;
    for (const r of rp.rules) n += this.paramSize(r);
    return n;
  }

  private writeRecord(src: Buffer, off: number, rp: RecordPlan, tsHi: number, tsLo: number, out: Buffer, at: number): number {
    const rules = rp.rules;
    copyBytes(src, off, off + 8, out, at); // cpu, reserved, flags
    put32(out, at + 8, tsLo);
    put32(out, at + 12, tsHi);
    copyBytes(src, off + 16, off + 24, out, at + 16); // tid
    put16(out, at + 28, rp.type);
    put32(out, at + 30, rules.length);
    let data = at + HEADER + 4 * rules.length;
    for (let i = 0; i < rules.length; i++) {
      const start = data;
      data = this.writeParam(src, rules[i]!, out, data);
      put32(out, at + HEADER + 4 * i, data - start);
    }
    put32(out, at + 24, data - at - 8);
    return data;
  }

  private writeParam(src: Buffer, r: ParamRule, out: Buffer, at: number): number {
    switch (r.kind) {
      case Rule.COPY:
        if (!this.has(r.from)) break;
        return copyBytes(src, this.starts[r.from]!, this.starts[r.from]! + this.lens[r.from]!, out, at);
      case Rule.INT:
        if (!this.has(r.from)) break;
        return this.writeInt(src, r, out, at);
      case Rule.SC029:
        put16(out, at, this.sc029(src, r));
        return at + 2;
      case Rule.BPF_RES_OR_FD: {
        if (!this.has(r.from)) break;
        // the sign of the 8-byte value picks the entry of the dynamic table
        const p = this.starts[r.from]!;
        const negative = (src[p + this.lens[r.from]! - 1]! & 0x80) !== 0;
        out[at] = negative ? this.table.bpfDynIndex.res : this.table.bpfDynIndex.fd;
        this.writeInt(src, r, out, at + 1, 8);
        return at + 9;
      }
    }
    return copyBytes(r.bytes, 0, r.bytes.length, out, at);
  }

  /** little-endian integer of the input's width re-encoded to `size` bytes */
  private writeInt(src: Buffer, r: ParamRule, out: Buffer, at: number, size = r.size): number {
    const p = this.starts[r.from]!;
    const len = this.lens[r.from]!;
    const keep = Math.min(len, size);
    copyBytes(src, p, p + keep, out, at);
    const fill = r.signed && (src[p + len - 1]! & 0x80) !== 0 ? 0xff : 0;
    for (let i = keep; i < size; i++) out[at + i] = fill;
    return at + size;
  }

  /** a generic event's syscall code in 0.29.3's numbering: by native number, else by code */
  private sc029(src: Buffer, r: ParamRule): number {
    const nativeFrom = r.size;
    if (this.has(nativeFrom) && this.lens[nativeFrom] === 2) {
      const nr = get16(src, this.starts[nativeFrom]!);
      const sc = nr < this.table.sc029ByNr.length ? this.table.sc029ByNr[nr]! : -1;
      if (sc >= 0) return sc;
    }
    if (!this.has(r.from) || this.lens[r.from] !== 2) return 0;
    const code = get16(src, this.starts[r.from]!);
    const sc = code < this.table.sc029ByCode.length ? this.table.sc029ByCode[code]! : -1;
    return sc >= 0 ? sc : fallbackSc029(code);
  }
}

// Little-endian integers by hand: the Buffer methods' range checks cost more than the
// work on this path (offsets are all within records already measured).
function get32(b: Buffer, o: number): number {
  return (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 0x1000000;
}

function get16(b: Buffer, o: number): number {
  return b[o]! | (b[o + 1]! << 8);
}

function put32(b: Buffer, o: number, v: number): void {
  b[o] = v;
  b[o + 1] = v >>> 8;
  b[o + 2] = v >>> 16;
  b[o + 3] = v >>> 24;
}

function put16(b: Buffer, o: number, v: number): void {
  b[o] = v;
  b[o + 1] = v >>> 8;
}

/**
 * src[start, end) to dst at `at`; returns the end in dst. Byte loops for the small
 * parameters that make most of a record: Buffer#copy costs more than it moves there.
 */
function copyBytes(src: Buffer, start: number, end: number, dst: Buffer, at: number): number {
  if (end - start > 64) return at + src.copy(dst, at, start, end);
  for (let i = start; i < end; i++) dst[at++] = src[i]!;
  return at;
}

/** whether timestamp (aHi, aLo) is earlier than (bHi, bLo) */
function before(aHi: number, aLo: number, bHi: number, bLo: number): boolean {
  return aHi < bHi || (aHi === bHi && aLo < bLo);
}
