// -w: write events to .scap files, with sysdig's rotation rules (-C size, -G seconds,
// -W file limit, -e events per file) and file naming. Records are gathered into a batch
// buffer and handed to the native writer once per batch, never once per event.
import { SavefileWriter } from './savefile.js';
import type { CaptureMetadata } from './types.js';
import type { Event } from '../event/event.js';
import { RECORD_PREFIX } from '../event/event.js';
import { unlinkSync } from 'node:fs';
import { strftime } from './strftime.js';

const BATCH_BYTES = 1 << 20;

export interface WriterOptions {
  writeFile?: string | undefined;
  compress: boolean;
  rolloverMb?: number | undefined;
  rolloverSeconds?: number | undefined;
  fileLimit?: number | undefined;
  eventLimit?: number | undefined;
  excludeUsers?: boolean;
}

export class CaptureWriter {
  private out: SavefileWriter | undefined;
  private batch = Buffer.allocUnsafe(BATCH_BYTES);
  private used = 0;
  private count = 0;
  private fileIndex = 0;
  private eventsInFile = 0;
  private lastTimeSec = 0;
  private readonly pastNames: string[] = [];
  private limitFormatDigits = -1;

  private constructor(
    private readonly opts: WriterOptions,
    private readonly meta: CaptureMetadata,
    private readonly base: string,
  ) {}

  static open(opts: WriterOptions, meta: CaptureMetadata): CaptureWriter {
    const w = new CaptureWriter(opts, meta, opts.writeFile ?? '');
    w.openNext();
    return w;
  }

  /** the file name the next file gets, by sysdig's cycle_writer rules */
  private nextName(): string {
    const o = this.opts;
    if (o.fileLimit && this.fileIndex >= o.fileLimit) this.fileIndex = 0;
    let name = this.base;
    if (o.rolloverSeconds) {
      if (this.base.includes('%')) {
        name = strftime(this.base, new Date(this.lastTimeSec * 1000 || Date.now()));
        if (o.fileLimit) {
          const old = this.pastNames[this.fileIndex];
          if (old) {
            try {
              unlinkSync(old);
            } catch {
              /* already gone */
            }
          }
          this.pastNames[this.fileIndex] = name;
        }
      } else {
        name = this.base + String(this.fileIndex);
      }
    }
    if (o.rolloverMb) {
      if (this.limitFormatDigits < 0) this.limitFormatDigits = String(o.fileLimit ?? 0).replace(/^0$/, '').length;
      name += String(this.fileIndex).padStart(this.limitFormatDigits, '0');
    }
    if (o.eventLimit) name = this.base + String(this.fileIndex);
    this.fileIndex++;
    return name;
  }

  private openNext(): void {
    this.flush();
    this.out?.close();
    const meta = this.opts.excludeUsers ? { ...this.meta, users: [], groups: [] } : this.meta;
    this.out = SavefileWriter.open(this.nextName(), { compress: this.opts.compress });
    this.out.writeMetadata(meta);
    this.eventsInFile = 0;
  }

  /**
   * append one event (its record as read), deciding first whether a new file starts;
   * `dumpFlags` are OR-ed into the record's flags (SCAP_DF_STATE_ONLY for -F)
   */
  write(ev: Event, dumpFlags = 0): void {
    const o = this.opts;
    this.eventsInFile++;
    if (o.rolloverSeconds) {
      const sec = Number(ev.ts / 1_000_000_000n);
      if (this.lastTimeSec === 0) this.lastTimeSec = sec;
      else if (sec - this.lastTimeSec >= o.rolloverSeconds) {
        this.lastTimeSec = sec;
        this.openNext();
      }
    }
    if (o.rolloverMb && this.bytesWritten() > o.rolloverMb * 1_000_000) this.openNext();
    if (o.eventLimit && this.eventsInFile >= o.eventLimit) {
      this.eventsInFile = 0;
      this.openNext();
    }
    const size = RECORD_PREFIX + ev.len;
    if (this.used + size > this.batch.length) {
      this.flush();
      if (size > this.batch.length) this.batch = Buffer.allocUnsafe(size);
    }
    copyRecord(ev.buf, ev.off, size, this.batch, this.used);
    if (dumpFlags !== 0) this.batch.writeUInt32LE((this.batch.readUInt32LE(this.used + 4) | dumpFlags) >>> 0, this.used + 4);
    this.used += size;
    this.count++;
  }

  private bytesWritten(): number {
    return (this.out?.bytesWritten ?? 0) + this.used;
  }

  flush(): void {
    if (this.count === 0 || !this.out) return;
    this.out.writeBatch(this.batch.subarray(0, this.used), this.count);
    this.used = 0;
    this.count = 0;
  }

  close(): void {
    this.flush();
    this.out?.close();
    this.out = undefined;
  }
}

/**
 * Below this size a record is copied byte by byte: Buffer.copy makes a typed-array
 * view and calls into the runtime for every record, which costs more than the copy of
 * a typical event, and -w copies every event it writes (millions a second live).
 */
const BYTEWISE_COPY_MAX = 128;

function copyRecord(src: Buffer, start: number, size: number, dst: Buffer, at: number): void {
  if (size > BYTEWISE_COPY_MAX) {
    src.copy(dst, at, start, start + size);
    return;
  }
  for (let i = 0; i < size; i++) dst[at + i] = src[start + i]!;
}
