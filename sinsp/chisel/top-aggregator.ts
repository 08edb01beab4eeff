// The per-event half of the bundled chisels' "top N" helper (chisels/sinspect/top.lua),
// done in TypeScript: per event that passed the chisel's filter, add the value field's
// value to the total of the key fields' values. Lua only
// configures it and prints the totals, so these chisels make no Lua call per event.
//
// The result is what the helper's Lua loop computed: a key is the key values as tostring()
// shows them, joined by "\1\1"; an event with a nil key value is skipped; a nil value counts
// as 0 only with keepZero; a total grows by value * scale when value > 0 (or keepZero); the
// totals list their keys in the order they were first added, as a Lua table built by
// that loop iterates them.
import { toLua } from './fengari.js';
import { numberToString } from './printf.js';
import { ChiselError } from './errors.js';
import type { ApiValue, ChiselRuntime, FieldHandle } from './runtime.js';

const SEP_BYTES = new Uint8Array([1, 1]);

/** One key's running total and the key as the Lua bytes the chisel will see. */
interface Total {
  key: Uint8Array;
  value: number;
}

export interface TopSpec {
  keys: FieldHandle[];
  value: FieldHandle;
  /** each value is multiplied by this before it is added */
  scale: number;
  /** count events whose value is nil (as 0) or not positive */
  keepZero: boolean;
}

/** An event-time hook that the chisel's filter gates (see Chisel.onEvent). */
export interface EventHook {
  add(): void;
}

export class TopAggregator implements EventHook {
  /**
   * The totals, one map level per key field, keyed by the values themselves (byte values
   * by their text): no joined key string is built per event. Within a level the values
   * all have the field's type, so they tell keys apart as their Lua strings would.
   */
  private root = new Map<unknown, unknown>();
  /** the totals in first-added order */
  private order: Total[] = [];
  /** the key values of the current event, reused */
  private readonly parts: ApiValue[] = [];

  constructor(private readonly rt: ChiselRuntime, private readonly spec: TopSpec) {}

  add(): void {
    const { rt, spec, parts } = this;
    const keys = spec.keys;
    const n = keys.length;
    for (let i = 0; i < n; i++) {
      const v = rt.field(keys[i]!);
      if (v === undefined) return;
      parts[i] = v;
    }
    let v = rt.field(spec.value);
    if (v === undefined) {
      if (!spec.keepZero) return;
      v = 0;
    }
    if (typeof v !== 'number') throw new ChiselError(`field ${spec.value.name} is not a number: cannot add it up`);
    if (!(v > 0) && !spec.keepZero) return;
    let level = this.root;
    for (let i = 0; i < n - 1; i++) {
      const k = mapKey(parts[i]!);
      let next = level.get(k) as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        level.set(k, next);
      }
      level = next;
    }
    const k = mapKey(parts[n - 1]!);
    const t = level.get(k) as Total | undefined;
    if (t !== undefined) {
      t.value += v * spec.scale;
    } else {
      const total = { key: keyBytes(parts, n), value: 0 + v * spec.scale };
      level.set(k, total);
      this.order.push(total);
    }
  }

  /** The totals: Lua key bytes and value, in first-added order. */
  entries(): IterableIterator<Total> {
    return this.order.values();
  }

  reset(): void {
    this.root = new Map();
    this.order = [];
  }
}

/** a key value as a Map key: byte values by their text (Maps compare arrays by identity) */
function mapKey(v: ApiValue): unknown {
  return v instanceof Uint8Array ? partText(v) : v;
}

/**
 * A non-string key value in a form that tells values apart the way their Lua strings do:
 * numbers as tostring() prints them, bytes one char per byte.
 */
function partText(v: ApiValue): string {
  if (typeof v === 'number') return numberToString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'string') return v;
  let s = '';
  for (let i = 0; i < v.length; i++) s += String.fromCharCode(v[i]!);
  return s;
}

/** The key as the Lua string the helper's loop built: tostring() of each value, joined by "\1\1". */
function keyBytes(parts: ApiValue[], n: number): Uint8Array {
  const chunks: Uint8Array[] = [];
  let len = 0;
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      chunks.push(SEP_BYTES);
      len += SEP_BYTES.length;
    }
    const v = parts[i]!;
    const b = v instanceof Uint8Array ? v : toLua(typeof v === 'string' ? v : partText(v));
    chunks.push(b);
    len += b.length;
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(len);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.length;
  }
  return out;
}
