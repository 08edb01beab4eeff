// Buffered standard output. console.log costs a syscall and a stream round trip per line;
// printing millions of events needs one write per ~64 KiB instead. A closed pipe
// (`sinspect ... | head`) ends output quietly, as it does for C programs.
import { writeSync } from 'node:fs';

const FLUSH_AT = 1 << 16;

export class OutputSink {
  private pending: string[] = [];
  private size = 0;
  private closed = false;

  constructor(
    private readonly fd = 1,
    /** flush after every line (--unbuffered, -j) */
    private readonly lineBuffered = false,
  ) {}

  /** true once the reader went away: callers may stop producing output */
  get isClosed(): boolean {
    return this.closed;
  }

  line(s: string): void {
    this.write(s + '\n');
  }

  write(s: string): void {
    if (this.closed) return;
    this.pending.push(s);
    this.size += s.length;
    if (this.lineBuffered || this.size >= FLUSH_AT) this.flush();
  }

  flush(): void {
    if (this.closed || this.pending.length === 0) return;
    const data = this.pending.length === 1 ? this.pending[0]! : this.pending.join('');
    this.pending = [];
    this.size = 0;
    const buf = Buffer.from(data, 'utf8');
    let off = 0;
    while (off < buf.length) {
      try {
        off += writeSync(this.fd, buf, off, buf.length - off);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue;
        if (code === 'EPIPE') {
          this.closed = true;
          return;
        }
        throw e;
      }
    }
  }
}
