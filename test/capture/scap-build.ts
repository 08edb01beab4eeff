// Builds synthetic .scap files block by block, for block generations and damage
// that the real traces do not contain. Independent of the native writer.

export class Bytes {
  private parts: Buffer[] = [];
  u8(v: number): this {
    const b = Buffer.alloc(1);
    b.writeUInt8(v);
    return this.push(b);
  }
  u16(v: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(v);
    return this.push(b);
  }
  u32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(v >>> 0);
    return this.push(b);
  }
  u64(v: bigint | number): this {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt.asUintN(64, BigInt(v)));
    return this.push(b);
  }
  raw(b: Uint8Array): this {
    return this.push(Buffer.from(b));
  }
  /** u16 length + bytes */
  str(s: string): this {
    const b = Buffer.from(s);
    return this.u16(b.length).raw(b);
  }
  /** NUL-terminated entries, as one u16-prefixed string */
  entries(list: string[]): this {
    return this.str(list.map((s) => s + '\0').join(''));
  }
  push(b: Buffer): this {
    this.parts.push(b);
    return this;
  }
  get length(): number {
    return this.parts.reduce((n, p) => n + p.length, 0);
  }
  build(): Buffer {
    return Buffer.concat(this.parts);
  }
}

/** A framed block: header, body, padding to 4, trailer. */
export function block(type: number, body: Buffer): Buffer {
  const pad = (4 - (body.length % 4)) % 4;
  const total = 8 + body.length + pad + 4;
  return new Bytes().u32(type).u32(total).raw(body).raw(Buffer.alloc(pad)).u32(total).build();
}

/** A length-prefixed entry whose length counts itself (PL v9, FDL v2, UL v2). */
export function selfLenEntry(body: Bytes | Buffer): Buffer {
  const b = body instanceof Bytes ? body.build() : body;
  return new Bytes().u32(b.length + 4).raw(b).build();
}

export function sectionHeader(major = 1, minor = 2, options = Buffer.alloc(0)): Buffer {
  return block(0x0a0d0d0a, new Bytes().u32(0x1a2b3c4d).u16(major).u16(minor).u64(-1n).raw(options).build());
}

export function machineInfo(hostname: string, cpus = 4): Buffer {
  const host = Buffer.alloc(128);
  host.write(hostname);
  return block(0x201, new Bytes().u32(cpus).u64(8 * 2 ** 30).u64(32768).raw(host).u64(0).u64(0).u64(0).u64(0).build());
}

export interface EventSpec {
  cpu?: number;
  flags?: number;
  ts: bigint;
  tid: bigint;
  type: number;
  params: Buffer[];
}

/** An event block of the given generation. v1 blocks carry no nparams. */
export function eventBlock(blockType: number, e: EventSpec, opts: { v2: boolean; flags: boolean; large: boolean }): Buffer {
  const lenSize = opts.large ? 4 : 2;
  const hdr = opts.v2 ? 26 : 22;
  const dataLen = e.params.reduce((n, p) => n + p.length, 0);
  const evlen = hdr + lenSize * e.params.length + dataLen;
  const b = new Bytes().u16(e.cpu ?? 0);
  if (opts.flags) b.u32(e.flags ?? 0);
  b.u64(e.ts).u64(e.tid).u32(evlen).u16(e.type);
  if (opts.v2) b.u32(e.params.length);
  for (const p of e.params) if (lenSize === 4) b.u32(p.length); else b.u16(p.length);
  for (const p of e.params) b.raw(p);
  return block(blockType, b.build());
}

export function u64le(v: bigint | number): Buffer {
  return new Bytes().u64(v).build();
}
export function u32le(v: number): Buffer {
  return new Bytes().u32(v).build();
}
export function u16le(v: number): Buffer {
  return new Bytes().u16(v).build();
}
