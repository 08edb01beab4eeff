// A growable byte buffer for building Lua strings (string.format's result). Builders are
// reused: a chisel formats a line or more per event, and a list of pieces joined at the
// end allocated a typed array per piece.

export class ByteBuilder {
  private buf = new Uint8Array(256);
  private len = 0;

  bytes(b: Uint8Array): void {
    const n = b.length;
    this.reserve(n);
    const buf = this.buf;
    let o = this.len;
    // short pieces are copied faster by hand than through TypedArray.prototype.set
    if (n < 32) for (let i = 0; i < n; i++) buf[o++] = b[i]!;
    else buf.set(b, o);
    this.len += n;
  }

  /** A JS string of characters below 0x100, one byte each (formatted numbers, %c). */
  latin1(s: string): void {
    const n = s.length;
    this.reserve(n);
    const buf = this.buf;
    let o = this.len;
    for (let i = 0; i < n; i++) buf[o++] = s.charCodeAt(i);
    this.len = o;
  }

  /** n copies of one byte */
  fill(byte: number, n: number): void {
    if (n <= 0) return;
    this.reserve(n);
    this.buf.fill(byte, this.len, this.len + n);
    this.len += n;
  }

  /** The bytes written so far, as a new array the caller owns; the builder is empty again. */
  take(): Uint8Array {
    const out = this.buf.slice(0, this.len);
    this.len = 0;
    return out;
  }

  reset(): void {
    this.len = 0;
  }

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.buf.subarray(0, this.len));
    this.buf = bigger;
  }
}

const idle: ByteBuilder[] = [];

/**
 * A builder of the caller's own, to give back with releaseBuilder. Formatting can nest (a
 * %s argument's __tostring may call string.format again), so each level takes one from
 * the idle list.
 */
export function acquireBuilder(): ByteBuilder {
  return idle.pop() ?? new ByteBuilder();
}

/** Give a builder back (emptied), also after a failure halfway through. */
export function releaseBuilder(b: ByteBuilder): void {
  b.reset();
  idle.push(b);
}
