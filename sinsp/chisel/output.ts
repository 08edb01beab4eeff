// Buffered writes to a file descriptor: chisels print a line per event, and one write(2)
// per line would dominate their cost.
import { writeSync } from 'node:fs';
import type { OutputSink } from './env.js';

const CAPACITY = 1 << 16;

export class FdSink implements OutputSink {
  private buf = Buffer.allocUnsafe(CAPACITY);
  private used = 0;

  constructor(private readonly fd: number) {}

  write(data: Uint8Array | string): void {
    if (typeof data === 'string') {
      const need = Buffer.byteLength(data);
      if (this.used + need > CAPACITY) this.flush();
      if (need > CAPACITY) {
        this.writeAll(Buffer.from(data));
        return;
      }
      this.used += this.buf.write(data, this.used);
      return;
    }
    if (this.used + data.length > CAPACITY) this.flush();
    if (data.length > CAPACITY) {
      this.writeAll(data);
      return;
    }
    this.buf.set(data, this.used);
    this.used += data.length;
  }

  flush(): void {
    if (this.used === 0) return;
    const n = this.used;
    this.used = 0;
    this.writeAll(this.buf.subarray(0, n));
  }

  private writeAll(b: Uint8Array): void {
    let off = 0;
    while (off < b.length) {
      try {
        off += writeSync(this.fd, b, off, b.length - off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue; // non-blocking pipe full: retry
        if (code === 'EPIPE') return; // reader went away (e.g. `| head`): drop the rest
        throw e;
      }
    }
  }
}

/** Collects output in memory (tests, and callers that post-process chisel output). */
export class MemorySink implements OutputSink {
  private readonly parts: Buffer[] = [];
  write(data: Uint8Array | string): void {
    this.parts.push(typeof data === 'string' ? Buffer.from(data) : Buffer.from(data));
  }
  flush(): void {}
  text(): string {
    return Buffer.concat(this.parts).toString('utf8');
  }
  bytes(): Buffer {
    return Buffer.concat(this.parts);
  }
}
