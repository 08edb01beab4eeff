// Buffered standard output. console.log costs a syscall and a stream round trip per line;
// printing millions of events needs one write per ~64 KiB instead. A closed pipe
// (`sinspect ... | head`) ends output quietly, as it does for C programs.
//
// Pending text is one string grown by `+=`: V8 keeps it as a rope of the lines, and
// writeSync encodes that rope to UTF-8 in one native pass when it is flushed. (An array
// joined at flush time, or a Buffer written line by line, each cost about twice as much.)
import { writeSync } from 'node:fs';

const FLUSH_AT = 1 << 16;

export class OutputSink {
  private pending = '';
  private closed = false;

  constructor(
    private readonly fd = 1,
    /** flush after every line (--unbuffered, live -j) */
    private readonly lineBuffered = false,
  ) {}

  /** true once the reader went away: callers may stop producing output */
  get isClosed(): boolean {
    return this.closed;
  }

  line(s: string): void {
    if (this.closed) return;
    this.pending += s;
    this.pending += '\n';
    if (this.lineBuffered || this.pending.length >= FLUSH_AT) this.flush();
  }

  write(s: string): void {
    if (this.closed) return;
    this.pending += s;
    if (this.lineBuffered || this.pending.length >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.closed || this.pending.length === 0) return;
    const data = this.pending;
    this.pending = '';
    let written: number;
    try {
      written = writeSync(this.fd, data);
    } catch (e) {
      if (!this.writeFailed(e)) return;
      written = 0;
    }
    // a short write (a pipe or terminal taking less at once): finish from the bytes
    if (written < data.length || Buffer.byteLength(data, 'utf8') !== written) this.writeRest(Buffer.from(data, 'utf8'), written);
  }

  private writeRest(buf: Buffer, off: number): void {
    while (off < buf.length) {
      try {
        off += writeSync(this.fd, buf, off, buf.length - off);
      } catch (e) {
        if (!this.writeFailed(e)) return;
      }
    }
  }

  /** true to retry (EAGAIN); false once the reader went away (EPIPE); throws otherwise */
  private writeFailed(e: unknown): boolean {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN') return true;
    if (code === 'EPIPE') {
      this.closed = true;
      return false;
    }
    throw e;
  }
}
