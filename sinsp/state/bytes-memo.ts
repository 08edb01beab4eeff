// Values decoded from parameter bytes, shared by every event that carries the same
// bytes: clone and execve exits repeat a handful of argument and cgroup lists all
// through a trace, and comparing bytes costs less than making the strings again.
// Values must never be modified in place (threads replace theirs).

/** a cheap hash of buf[start, end): the length and every 7th byte (lists differ in many places) */
function sampleHash(buf: Uint8Array, start: number, end: number): number {
  let h = (end - start) | 0;
  for (let i = start; i < end; i += 7) h = Math.imul(h ^ buf[i]!, 16777619);
  return h;
}

interface Entry<T> {
  raw: Buffer;
  value: T;
}

export class BytesMemo<T> {
  private readonly byHash = new Map<number, Array<Entry<T>>>();
  private count = 0;

  /** `decode` makes the value of bytes not seen before; at most `max` are kept */
  constructor(
    private readonly decode: (buf: Buffer, start: number, end: number) => T,
    private readonly max = 1024,
  ) {}

  /** the value of buf[start, end) */
  get(buf: Buffer, start: number, end: number): T {
    const h = sampleHash(buf, start, end);
    let bucket = this.byHash.get(h);
    if (bucket !== undefined) {
      const n = end - start;
      for (const c of bucket) {
        if (c.raw.length === n && buf.compare(c.raw, 0, n, start, end) === 0) return c.value;
      }
    }
    const value = this.decode(buf, start, end);
    if (this.count >= this.max) {
      this.byHash.clear();
      this.count = 0;
      bucket = undefined;
    }
    if (bucket === undefined) {
      bucket = [];
      this.byHash.set(h, bucket);
    }
    bucket.push({ raw: Buffer.from(buf.subarray(start, end)), value });
    this.count++;
    return value;
  }
}
