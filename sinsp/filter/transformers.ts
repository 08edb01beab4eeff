// Field transformers (libsinsp's sinsp_filter_transformers): functions applied to a
// field's value before it is compared. Each one says which input types it takes and what
// type it produces; `apply` returns undefined when the value cannot be transformed (a
// bad base64 string), which makes the comparison false like a missing value.
import type { FieldValue } from '../fields/types.js';
import { PT } from '../generated/schema.js';

export interface Transformer {
  /** the produced type for an input type, or undefined if the input type is not accepted */
  outputType(inputType: number, inputIsList: boolean): number | undefined;
  apply(v: FieldValue): FieldValue | undefined;
  /** for transformers that summarise a whole list (len): the list's value */
  applyList?(values: FieldValue[]): FieldValue;
}

const STRING_TYPES: readonly number[] = [PT.CHARBUF, PT.FSPATH, PT.FSRELPATH];

function asciiCase(v: FieldValue, upper: boolean): FieldValue | undefined {
  if (typeof v !== 'string') return undefined;
  return upper ? v.replace(/[a-z]+/g, (s) => s.toUpperCase()) : v.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < B64.length; i++) B64_VALUE[B64.charCodeAt(i)] = i;

/**
 * Strict base64 (libsinsp's Base64::decodeWithoutPadding): up to two trailing '=', every
 * other character from the standard alphabet, no leftover bits set in the last one.
 */
export function decodeBase64(input: Uint8Array): Uint8Array | undefined {
  let n = input.length;
  if (n > 0 && input[n - 1] === 61) {
    n--;
    if (n > 0 && input[n - 1] === 61) n--;
  }
  if (n % 4 === 1) return undefined;
  const out = new Uint8Array(Math.floor((n * 3) / 4));
  let o = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < n; i++) {
    const c = B64_VALUE[input[i]!]!;
    if (c < 0) return undefined;
    acc = ((acc << 6) | c) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  // the bits left over after the last whole byte must be zero
  if (bits > 0 && (acc & ((1 << bits) - 1)) !== 0) return undefined;
  return out;
}

const tolower: Transformer = {
  outputType: (t) => (STRING_TYPES.includes(t) ? t : undefined),
  apply: (v) => asciiCase(v, false),
};

const toupper: Transformer = {
  outputType: (t) => (STRING_TYPES.includes(t) ? t : undefined),
  apply: (v) => asciiCase(v, true),
};

const basename: Transformer = {
  outputType: (t) => (STRING_TYPES.includes(t) ? t : undefined),
  apply: (v) => (typeof v === 'string' ? v.slice(v.lastIndexOf('/') + 1) : undefined),
};

const b64: Transformer = {
  outputType: (t) => (t === PT.CHARBUF || t === PT.BYTEBUF ? t : undefined),
  apply: (v) => {
    if (typeof v === 'string') {
      const d = decodeBase64(Buffer.from(v, 'utf8'));
      return d && Buffer.from(d.buffer, d.byteOffset, d.byteLength).toString('utf8');
    }
    return v instanceof Uint8Array ? decodeBase64(v) : undefined;
  },
};

const len: Transformer = {
  outputType: (t, isList) => (isList || STRING_TYPES.includes(t) || t === PT.BYTEBUF ? PT.UINT64 : undefined),
  apply: (v) => {
    if (typeof v === 'string') return BigInt(Buffer.byteLength(v, 'utf8'));
    return v instanceof Uint8Array ? BigInt(v.length) : undefined;
  },
  applyList: (values) => BigInt(values.length),
};

export const TRANSFORMER_IMPLS: Readonly<Record<string, Transformer>> = { tolower, toupper, basename, b64, len };
