// Parameter-level rules of the 0.29.3 converter (compat029.ts): how one parameter of an
// output record is produced from the parameters of the input (current-layout) record.
import { PT } from '../generated/schema.js';

/** Kinds of rule; numbers so the per-record loop switches on small integers. */
export const Rule = {
  /** the input parameter's bytes, unchanged */
  COPY: 0,
  /** an integer re-encoded to another width (sign- or zero-extended, or truncated) */
  INT: 1,
  /** fixed bytes: a value computed when the table is built, or a neutral "absent" value */
  CONST: 2,
  /** a generic event's syscall code, in 0.29.3's numbering, from the input's ID/nativeID */
  SC029: 3,
  /** bpf exit's PT_DYN res_or_fd: the table index (fd when >= 0, else res) then the value */
  BPF_RES_OR_FD: 4,
} as const;

export interface ParamRule {
  kind: number;
  /** input parameter index (COPY, INT, BPF_RES_OR_FD; SC029: the ID) */
  from: number;
  /** INT: output width in bytes; SC029: input index of nativeID */
  size: number;
  /** INT: sign-extend when widening */
  signed: boolean;
  /** CONST: the bytes; otherwise what to write when the input lacks parameter `from` */
  bytes: Buffer;
}

const NO_BYTES = Buffer.alloc(0);

export function copyRule(from: number, ifMissing: Buffer): ParamRule {
  return { kind: Rule.COPY, from, size: 0, signed: false, bytes: ifMissing };
}

export function intRule(from: number, size: number, signed: boolean, ifMissing: Buffer): ParamRule {
  return { kind: Rule.INT, from, size, signed, bytes: ifMissing };
}

export function constRule(bytes: Buffer): ParamRule {
  return { kind: Rule.CONST, from: -1, size: 0, signed: false, bytes };
}

export function sc029Rule(idFrom: number, nativeIdFrom: number): ParamRule {
  return { kind: Rule.SC029, from: idFrom, size: nativeIdFrom, signed: false, bytes: Buffer.alloc(2) };
}

export function bpfResOrFdRule(from: number): ParamRule {
  return { kind: Rule.BPF_RES_OR_FD, from, size: 0, signed: false, bytes: Buffer.alloc(9) };
}

/** Byte size of a fixed-size parameter type; undefined for variable-length types. */
export function fixedSize(type: number): number | undefined {
  switch (type) {
    case PT.INT8:
    case PT.UINT8:
    case PT.SIGTYPE:
    case PT.L4PROTO:
    case PT.SOCKFAMILY:
    case PT.FLAGS8:
    case PT.ENUMFLAGS8:
      return 1;
    case PT.INT16:
    case PT.UINT16:
    case PT.SYSCALLID:
    case PT.PORT:
    case PT.FLAGS16:
    case PT.ENUMFLAGS16:
      return 2;
    case PT.INT32:
    case PT.UINT32:
    case PT.BOOL:
    case PT.IPV4ADDR:
    case PT.FLAGS32:
    case PT.ENUMFLAGS32:
    case PT.UID:
    case PT.GID:
    case PT.SIGSET:
    case PT.MODE:
    case PT.FD32:
    case PT.PID32:
      return 4;
    case PT.INT64:
    case PT.UINT64:
    case PT.ERRNO:
    case PT.FD:
    case PT.PID:
    case PT.RELTIME:
    case PT.ABSTIME:
    case PT.DOUBLE:
    case PT.IPV4NET:
      return 8;
    case PT.IPV6ADDR:
      return 16;
    default:
      return undefined;
  }
}

/** Integer types whose values are signed (an fd of -1 must stay -1 when widened). */
export function isSignedType(type: number): boolean {
  switch (type) {
    case PT.INT8:
    case PT.INT16:
    case PT.INT32:
    case PT.INT64:
    case PT.ERRNO:
    case PT.FD:
    case PT.PID:
    case PT.FD32:
    case PT.PID32:
      return true;
    default:
      return false;
  }
}

/** Types sysdig reads as NUL-terminated strings: an empty one is a lone NUL, never 0 bytes. */
function isStringType(type: number): boolean {
  return type === PT.CHARBUF || type === PT.FSPATH || type === PT.FSRELPATH;
}

/**
 * The value of a 0.29.3 parameter that no input parameter provides: -1 for fds (no fd,
 * so no fd state is touched), zeros for other fixed-size types, an empty string for
 * strings, an empty fd list, and zero bytes for buffers, addresses and tuples (what
 * the drivers write when there is nothing to copy).
 */
export function absentValue(type: number): Buffer {
  if (type === PT.FD) return Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
  const size = fixedSize(type);
  if (size !== undefined) return Buffer.alloc(size);
  if (isStringType(type)) return Buffer.from([0]);
  if (type === PT.FDLIST) return Buffer.alloc(2);
  return NO_BYTES;
}
