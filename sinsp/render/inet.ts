// Network addresses as text: dotted IPv4 and glibc's inet_ntop() form of IPv6.

/** The IPv4 address whose bytes (network order) start at b[off]: "a.b.c.d". */
export function ipv4Text(b: Uint8Array, off: number): string {
  return b[off] + '.' + b[off + 1] + '.' + b[off + 2] + '.' + b[off + 3];
}

/**
 * Addresses already written out: a capture has few distinct addresses, and every socket
 * event names two (fd names are rebuilt on connect, accept, send...). Emptied when full.
 */
const ipv4Texts = new Map<number, string>();
const IPV4_TEXTS_MAX = 4096;

/** An IPv4 address as scap stores it (network-order bytes read as a little-endian u32). */
export function ipv4U32Text(a: number): string {
  let s = ipv4Texts.get(a);
  if (s === undefined) {
    s = (a & 0xff) + '.' + ((a >>> 8) & 0xff) + '.' + ((a >>> 16) & 0xff) + '.' + (a >>> 24);
    if (ipv4Texts.size >= IPV4_TEXTS_MAX) ipv4Texts.clear();
    ipv4Texts.set(a, s);
  }
  return s;
}

const words = new Uint16Array(8);

/**
 * The IPv6 address of 16 bytes at b[off], as glibc's inet_ntop writes it: lower-case
 * hex groups, the longest run of two or more zero groups (the first on ties) written
 * as "::", and the IPv4-compatible (::a.b.c.d) and IPv4-mapped (::ffff:a.b.c.d) forms
 * ending in a dotted quad. (BIND's version also writes ::0.0.0.2 for ::2; glibc's does not.)
 */
export function ipv6Text(b: Uint8Array, off: number): string {
  for (let i = 0; i < 8; i++) words[i] = (b[off + 2 * i]! << 8) | b[off + 2 * i + 1]!;
  let bestBase = -1;
  let bestLen = 0;
  let curBase = -1;
  let curLen = 0;
  for (let i = 0; i < 8; i++) {
    if (words[i] === 0) {
      if (curBase === -1) {
        curBase = i;
        curLen = 1;
      } else curLen++;
    } else if (curBase !== -1) {
      if (bestBase === -1 || curLen > bestLen) {
        bestBase = curBase;
        bestLen = curLen;
      }
      curBase = -1;
    }
  }
  if (curBase !== -1 && (bestBase === -1 || curLen > bestLen)) {
    bestBase = curBase;
    bestLen = curLen;
  }
  if (bestBase !== -1 && bestLen < 2) bestBase = -1;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (bestBase !== -1 && i >= bestBase && i < bestBase + bestLen) {
      if (i === bestBase) out += ':';
      continue;
    }
    if (i !== 0) out += ':';
    if (
      i === 6 &&
      bestBase === 0 &&
      (bestLen === 6 || (bestLen === 5 && words[5] === 0xffff))
    ) {
      out += ipv4Text(b, off + 12);
      return out;
    }
    out += words[i]!.toString(16);
  }
  if (bestBase !== -1 && bestBase + bestLen === 8) out += ':';
  return out;
}

/**
 * libsinsp's is_ipv4_mapped_ipv6(): ::ffff:a.b.c.d, or the all-zero address (which
 * sysdig also treats as IPv4).
 */
export function isIpv4MappedIpv6(b: Uint8Array, off: number): boolean {
  for (let i = 0; i < 10; i++) if (b[off + i] !== 0) return false;
  if (b[off + 10] === 0xff && b[off + 11] === 0xff) return true;
  for (let i = 10; i < 16; i++) if (b[off + i] !== 0) return false;
  return true;
}
