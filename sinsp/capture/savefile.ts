// .scap files: reading (metadata once, then events in batches) and writing.
//
// Batches hold records in the layout of docs/ARCHITECTURE.md. By default every batch
// comes in a Buffer of its own that nothing reuses: records may be kept (or sliced) for
// as long as needed. With `reuseBuffers` a few Buffers take turns (see ReaderOptions).
// One native call yields one batch, never one event.
import { loadAddon } from './native.js';
import type { CaptureMetadata } from './types.js';

export interface EventBatch {
  /** `count` records back to back, starting at offset 0 */
  buf: Buffer;
  count: number;
}

export interface ReaderOptions {
  /**
   * How to read the file. 'sysdig-0.29.3' (the default) reads it exactly as sysdig
   * 0.29.3 does: events of types it does not know are skipped, and process list
   * entries written by libs >= 0.10 are read with its layout (it then takes bytes of
   * pidnsInitStartTs as loginuid and exeWritable, and sees no tty, capabilities or
   * exe inode). 'current-libs' reads it as today's libscap: every event type of the
   * current table and every process list field.
   */
  readAs?: 'sysdig-0.29.3' | 'current-libs';
  /** upper bounds of one batch (defaults: 16384 events, 4 MiB) */
  maxBatchEvents?: number;
  maxBatchBytes?: number;
  /**
   * Reuse batch Buffers: the read-ahead thread copies batches into a few Buffers that
   * take turns, so nextBatch() copies nothing. A batch stays as it is until the
   * second nextBatch() call after the one that returned it; records kept longer must
   * be copied (the inspector copies what it keeps). A copy and fresh memory for every
   * batch cost the JS thread a tenth of a filtered read.
   */
  reuseBuffers?: boolean;
}

/**
 * Buffers that take turns with reuseBuffers: the batch JS has, the one it had (until
 * its next call), the three read ahead (reader_binding.cc's kPrefetchDepth), and the one
 * the thread is reading into.
 */
const REUSED_BUFFERS = 6;
/** a batch ends once it reaches maxBatchBytes: room for the one event that crosses it */
const BATCH_OVERSHOOT = 256 << 10;

interface NativeReader {
  meta(): CaptureMetadata;
  nextBatch(
    maxEvents?: number,
    maxBytes?: number,
    slots?: Buffer[],
  ): { buf?: Buffer; slot?: number; count: number; len: number } | null;
  skipBatch(maxEvents?: number, maxBytes?: number): number;
  bytesRead(): number;
  fileSize(): number;
  close(): void;
}

interface NativeWriter {
  writeMetadata(meta: CaptureMetadata): void;
  writeBatch(buf: Uint8Array, count: number): void;
  writeBlocks(buf: Buffer): void;
  bytesWritten(): number;
  close(): void;
}

type NativeReaderClass = new (path: string, currentLibs: boolean) => NativeReader;
type NativeWriterClass = new (path: string, compress: boolean, direct: boolean) => NativeWriter;

export class SavefileReader {
  /** the file's metadata: machine, threads and their fds, interfaces, users */
  readonly meta: CaptureMetadata;
  /** with reuseBuffers: the Buffers batches are copied into, in turn */
  private readonly reused: Buffer[] | undefined;

  private constructor(
    private native: NativeReader | undefined,
    private readonly maxEvents: number,
    private readonly maxBytes: number,
    reuseBuffers: boolean,
  ) {
    this.meta = native!.meta();
    this.reused = reuseBuffers ? [] : undefined;
  }

  /**
   * Opens a capture file (plain or gzip-compressed) and reads its metadata.
   * Throws an Error with a one-line message (`<file>: ...`) if the file is missing,
   * not a capture, or damaged before its first event.
   */
  static open(path: string, options: ReaderOptions = {}): SavefileReader {
    const { SavefileReader: Native } = loadAddon() as { SavefileReader: NativeReaderClass };
    const native = new Native(path, options.readAs === 'current-libs');
    return new SavefileReader(
      native,
      options.maxBatchEvents ?? 16384,
      options.maxBatchBytes ?? 4 << 20,
      options.reuseBuffers ?? false,
    );
  }

  /**
   * The next batch of events, or null at the end of the file. On damage (truncation,
   * corruption) every complete event before it is returned first; then this throws
   * an Error whose message is one line naming the file and the byte offset, and
   * keeps throwing it on later calls.
   */
  nextBatch(): EventBatch | null {
    const reused = this.reused;
    if (reused === undefined) return this.open().nextBatch(this.maxEvents, this.maxBytes) as EventBatch | null;
    // the Buffers go to the native reader once, with the first call; their pages are
    // touched only as far as batches reach
    if (reused.length === 0) {
      for (let i = 0; i < REUSED_BUFFERS; i++) reused.push(Buffer.allocUnsafeSlow(this.maxBytes + BATCH_OVERSHOOT));
    }
    const b = this.open().nextBatch(this.maxEvents, this.maxBytes, reused);
    if (b === null) return null;
    const buf = b.slot !== undefined ? reused[b.slot]!.subarray(0, b.len) : b.buf!;
    return { buf, count: b.count };
  }

  /**
   * Reads the next batch and drops it: its event count, or 0 at the end of the file.
   * Damage is reported exactly as by nextBatch (the events before it first, then an
   * Error on every later call). For callers that look at no event (`-q` with nothing
   * to filter, count or write): the records are read and checked but never copied
   * into a Buffer.
   */
  skipBatch(): number {
    return this.open().skipBatch(this.maxEvents, this.maxBytes);
  }

  /** bytes of the file consumed so far (compressed bytes for gzip files) */
  get bytesRead(): number {
    return this.native ? this.native.bytesRead() : 0;
  }

  /** size of the file in bytes (0 when unknown, e.g. a pipe) */
  get fileSize(): number {
    return this.native ? this.native.fileSize() : 0;
  }

  close(): void {
    this.native?.close();
    this.native = undefined;
  }

  private open(): NativeReader {
    if (!this.native) throw new Error('capture reader is closed');
    return this.native;
  }
}

export interface WriterOpenOptions {
  /** gzip the file (sysdig -z) */
  compress?: boolean;
  /**
   * Uncompressed files only: write around the page cache (O_DIRECT where the filesystem
   * allows it; native/scap/src/direct_output.h). The live -w of the addon's own thread
   * does; the same bytes either way.
   */
  direct?: boolean;
}

export class SavefileWriter {
  private constructor(private native: NativeWriter | undefined) {}

  /** Creates (or truncates) a capture file and writes its section header. */
  static open(path: string, options: WriterOpenOptions = {}): SavefileWriter {
    const { SavefileWriter: Native } = loadAddon() as { SavefileWriter: NativeWriterClass };
    return new SavefileWriter(new Native(path, options.compress ?? false, options.direct ?? false));
  }

  /** Writes the metadata blocks; call once, before any event. */
  writeMetadata(meta: CaptureMetadata): void {
    this.open().writeMetadata(meta);
  }

  /**
   * Writes `count` records of `buf` (batch layout, back to back from offset 0).
   * Throws if a record is malformed, after writing the records before it.
   */
  writeBatch(buf: Uint8Array, count: number): void {
    this.open().writeBatch(buf, count);
  }

  /** Appends scap event blocks made elsewhere (the native 0.29.3 rewriter's 'blocks' form), as they are. */
  writeBlocks(buf: Buffer): void {
    this.open().writeBlocks(buf);
  }

  /** bytes in the file so far (compressed size with gzip): what sysdig's -C measures */
  get bytesWritten(): number {
    return this.native ? this.native.bytesWritten() : 0;
  }

  /** Flushes and closes the file; throws if the final write fails. */
  close(): void {
    const n = this.native;
    this.native = undefined;
    n?.close();
  }

  private open(): NativeWriter {
    if (!this.native) throw new Error('capture writer is closed');
    return this.native;
  }
}
