// The contract between field classes, the filter compiler, the output formatters and
// the chisel engine. A field name is resolved once (at filter/format compile time) into
// an Extractor; per event only `extract` runs.
import type { Event } from '../event/event.js';

/**
 * A field value. The field's `type` (a PT.* number from the schema) says which form:
 * - 64-bit integers, absolute times and relative times (PT.INT64, UINT64, ABSTIME, RELTIME): bigint
 * - other integers, fds, pids, ports, errnos, flags, doubles: number
 * - strings, paths (PT.CHARBUF, FSPATH, ...): string
 * - byte buffers (PT.BYTEBUF): Uint8Array
 * - booleans (PT.BOOL): boolean
 * - IPv4 addresses: number (u32 as scap stores it: network byte order read little-endian)
 * - IPv6 addresses: 16-byte Uint8Array; PT.IPADDR/IPNET: 4- or 16-byte Uint8Array
 */
export type FieldValue = number | bigint | string | boolean | Uint8Array;

export const FieldFlag = {
  /** usable in filters only, never printed (e.g. fd.net) */
  FILTER_ONLY: 1 << 0,
  /** not listed by -l */
  HIDDEN: 1 << 1,
  /** an argument is required: name[arg] or name.arg */
  ARG_REQUIRED: 1 << 2,
  /** an argument is accepted */
  ARG_ALLOWED: 1 << 3,
  /** the argument is a number: name[N] */
  ARG_INDEX: 1 << 4,
  /** the argument is a key: name[key] or name.key */
  ARG_KEY: 1 << 5,
  /** deprecated; still accepted */
  DEPRECATED: 1 << 6,
} as const;

export interface FieldInfo {
  /** full name, e.g. 'fd.name', 'evt.arg' (argument fields are listed without the argument) */
  name: string;
  /** PT.* type of the extracted value */
  type: number;
  /** PF.* print format for numbers (decimal, hex, ...) */
  fmt?: number;
  desc: string;
  flags?: number;
}

export interface FieldClassInfo {
  /** 'evt', 'process', 'user', 'group', 'container', 'fd', 'fdlist', 'syslog', ... */
  name: string;
  desc: string;
  shortDesc: string;
  fields: FieldInfo[];
}

export interface Extractor {
  readonly info: FieldInfo;
  readonly arg: string | undefined;
  /** PT.* type of what `extract` returns (may differ from info.type once the argument is known) */
  readonly type: number;
  /** the value for this event, or undefined when the field has no value (sysdig's <NA>) */
  extract(ev: Event): FieldValue | undefined;
  /** list-valued fields (e.g. fdlist.*, proc.aname without an index): every value */
  extractList?(ev: Event): FieldValue[] | undefined;
  /**
   * The value depends on the event's type number alone (generic events aside, which are
   * named by their syscall code): evt.type, evt.dir, evt.is_io... A filter can then be
   * decided in part per event type, once, when it is compiled.
   */
  readonly typeOnly?: boolean;
  /**
   * The value depends on the earlier events this extractor was asked about (evt.deltatime,
   * thread.exectime...): a filter using it must evaluate it on exactly the events sysdig
   * would, so no shortcut may skip an evaluation.
   */
  readonly stateful?: boolean;
  /**
   * A test for `field = v` / `field in (v...)` that decides without extracting the value,
   * when the field can (evt.type from the type number); undefined otherwise. Filters
   * run on every event, and this is the comparison users write most.
   */
  equalsAny?(values: FieldValue[]): ((ev: Event) => boolean) | undefined;
  /**
   * Why a filter's literal can never be a value of this field (evt.type: a name that is
   * no event or syscall), or undefined when it can. sysdig rejects such a filter rather
   * than let a typo match nothing.
   */
  checkLiteral?(text: string): string | undefined;
  /** sysdig's text for a value of this field, as -p prints it */
  render(v: FieldValue, ev: Event): string;
  /** sysdig's JSON for a value of this field, as -j prints it (a JSON text fragment) */
  renderJson?(v: FieldValue, ev: Event): string;
}

export class FieldError extends Error {}

export interface FieldRegistry {
  readonly classes: FieldClassInfo[];
  /**
   * Find the longest field reference starting at `pos` in `text`: a field name followed,
   * when the field takes one, by `[arg]` or `.arg`. Returns undefined if none starts there.
   */
  scan(text: string, pos: number): { name: string; arg: string | undefined; end: number } | undefined;
  /** Bind a field (and argument) to an extractor. Throws FieldError for unknown fields/bad args. */
  resolve(name: string, arg: string | undefined): Extractor;
}

/** How buffers (evt.buffer, evt.arg.data, ...) are printed: sysdig's -A/-x/-X/-b, default 'normal'. */
export type BufferFormat = 'normal' | 'ascii' | 'hex' | 'hexascii' | 'base64' | 'json';

/** What extractors may consult besides the event itself. */
export interface FieldContext {
  readonly state: import('../state/state.js').State;
  readonly options: {
    bufferFormat: BufferFormat;
    /** -t: h (human, default), a (absolute), r (relative to first event), d (delta from enter), D (delta from previous printed) */
    timeMode: 'h' | 'a' | 'r' | 'd' | 'D';
    /** -v: verbose (don't truncate long args) */
    verbose: boolean;
  };
}

/** A field class module: its listing plus the binder that turns a field reference into an extractor. */
export interface FieldClass extends FieldClassInfo {
  bind(field: FieldInfo, arg: string | undefined, ctx: FieldContext): Extractor;
}
