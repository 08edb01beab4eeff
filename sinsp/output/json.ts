// JSON text exactly as sysdig writes it. sysdig 0.29.3 serialises with jsoncpp 1.9.5's
// FastWriter, whose string quoting differs from JSON.stringify: every non-ASCII code point
// is written as \uXXXX (surrogate pairs above U+FFFF), control characters as lowercase
// \u00xx, and bytes that are not valid UTF-8 are decoded leniently, not rejected.
const HEX = '0123456789abcdef';

function hex4(n: number): string {
  return '\\u' + HEX[(n >> 12) & 15] + HEX[(n >> 8) & 15] + HEX[(n >> 4) & 15] + HEX[n & 15];
}

/** Quote raw bytes (a C string as sysdig holds it) the way jsoncpp does. */
export function jsonQuoteBytes(b: Uint8Array, start = 0, end = b.length): string {
  let out = '"';
  let plainFrom = start;
  const flushPlain = (to: number): void => {
    if (to > plainFrom) out += Buffer.from(b.buffer, b.byteOffset + plainFrom, to - plainFrom).toString('latin1');
  };
  let i = start;
  while (i < end) {
    const c = b[i]!;
    if (c >= 0x20 && c < 0x80 && c !== 0x22 && c !== 0x5c) {
      i++;
      continue;
    }
    flushPlain(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c === 0x08) out += '\\b';
    else if (c === 0x0c) out += '\\f';
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20) out += hex4(c);
    else {
      // a UTF-8 lead byte: decode the code point as jsoncpp's utf8ToCodepoint does
      let cp: number;
      if (c < 0xe0) {
        if (end - i < 2) cp = 0xfffd;
        else {
          cp = ((c & 0x1f) << 6) | (b[i + 1]! & 0x3f);
          i += 1;
          if (cp < 0x80) cp = 0xfffd;
        }
      } else if (c < 0xf0) {
        if (end - i < 3) cp = 0xfffd;
        else {
          cp = ((c & 0x0f) << 12) | ((b[i + 1]! & 0x3f) << 6) | (b[i + 2]! & 0x3f);
          i += 2;
          if ((cp >= 0xd800 && cp <= 0xdfff) || cp < 0x800) cp = 0xfffd;
        }
      } else if (c < 0xf8) {
        if (end - i < 4) cp = 0xfffd;
        else {
          cp = ((c & 0x07) << 18) | ((b[i + 1]! & 0x3f) << 12) | ((b[i + 2]! & 0x3f) << 6) | (b[i + 3]! & 0x3f);
          i += 3;
          if (cp < 0x10000) cp = 0xfffd;
        }
      } else cp = 0xfffd;
      if (cp < 0x10000) out += hex4(cp);
      else {
        const v = cp - 0x10000;
        out += hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
      }
    }
    i++;
    plainFrom = i;
  }
  flushPlain(end);
  return out + '"';
}

/** Quote a JS string the way jsoncpp quotes its UTF-8 encoding. */
export function jsonQuote(s: string): string {
  // fast path: printable ASCII without quotes or backslashes
  let simple = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c >= 0x80 || c === 0x22 || c === 0x5c) {
      simple = false;
      break;
    }
  }
  if (simple) return '"' + s + '"';
  return jsonQuoteBytes(Buffer.from(s, 'utf8'));
}
