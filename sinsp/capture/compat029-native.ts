// The 0.29.3 conversion table (compat029-table.ts, derived from the generated schema)
// in the flat form the native rewriter takes (native/scap/src/compat029_binding.h):
// the C side has no table of its own, so both rewriters always agree on what to write.
import { compat029Table, type RecordPlan } from './compat029-table.js';
import type { ParamRule } from './compat029-params.js';
import { loadAddon } from './native.js';
import { SYSCALL_CODE_NAMES } from '../generated/schema.js';

/** fields per plan: flags, enter type, enter rules, first enter rule, out type, out rules, first out rule */
const PLAN_FIELDS = 7;
/** fields per rule: kind, from, size, signed, bytes offset, bytes length */
const RULE_FIELDS = 6;
const PRESENT = 1;
const HAS_ENTER = 2;
const CHILD_WITHOUT_ENTER = 4;

export interface NativeCompat029Table {
  plans: Uint32Array;
  rules: Uint32Array;
  bytes: Uint8Array;
  scByNr: Int32Array;
  scByCode: Int32Array;
  /** syscall codes below this keep their number when no row maps them (fallbackSc029) */
  codeNames: number;
  bpfFd: number;
  bpfRes: number;
}

let cached: NativeCompat029Table | undefined;

/** The table in flat form, built once per process. */
export function nativeCompat029Table(): NativeCompat029Table {
  cached ??= flatten();
  return cached;
}

function flatten(): NativeCompat029Table {
  const t = compat029Table();
  const plans = new Uint32Array(t.plans.length * PLAN_FIELDS);
  const rules: number[] = [];
  const bytes: number[] = [];
  const addRecord = (rp: RecordPlan): [number, number] => {
    const first = rules.length / RULE_FIELDS;
    for (const r of rp.rules) addRule(r);
    return [rp.rules.length, first];
  };
  const addRule = (r: ParamRule): void => {
    rules.push(r.kind, r.from < 0 ? 0 : r.from, r.size, r.signed ? 1 : 0, bytes.length, r.bytes.length);
    for (const b of r.bytes) bytes.push(b);
  };
  t.plans.forEach((plan, type) => {
    if (!plan) return;
    const at = type * PLAN_FIELDS;
    plans[at] = PRESENT | (plan.enter ? HAS_ENTER : 0) | (plan.childWithoutEnter ? CHILD_WITHOUT_ENTER : 0);
    if (plan.enter) {
      const [n, first] = addRecord(plan.enter);
      plans.set([plan.enter.type, n, first], at + 1);
    }
    const [n, first] = addRecord(plan.out);
    plans.set([plan.out.type, n, first], at + 4);
  });
  return {
    plans,
    rules: Uint32Array.from(rules),
    bytes: Uint8Array.from(bytes),
    scByNr: t.sc029ByNr,
    scByCode: t.sc029ByCode,
    // fallbackSc029: codes 0.29.3 had keep their number, newer ones become 0
    codeNames: SYSCALL_CODE_NAMES.length,
    bpfFd: t.bpfDynIndex.fd,
    bpfRes: t.bpfDynIndex.res,
  };
}

/** what the native rewriter writes: batch records, scap event blocks, or nothing (counts only) */
export type Compat029Form = 'records' | 'blocks' | 'count';

interface NativeConverter {
  convert(buf: Buffer, count: number, cap?: number, form?: Compat029Form): { data: Buffer; count: number; inUsed: number; inDone: number };
  convertRing(buf: Buffer, cpu: number, cap?: number, form?: Compat029Form): { data: Buffer; count: number; inUsed: number; inDone: number };
  stats(): { events: number; entersAdded: number; dropped: number };
}

/** compat029.ts's Compat029Converter, run by the addon (what the live engine runs on its batches). */
export class NativeCompat029Converter {
  private readonly native: NativeConverter;

  constructor() {
    const Ctor = loadAddon().Compat029 as (new (t: NativeCompat029Table) => NativeConverter) | undefined;
    if (!Ctor) throw new Error('this build of the addon has no 0.29.3 converter');
    this.native = new Ctor(nativeCompat029Table());
  }

  /** every record of the batch, converted */
  convert(batch: { buf: Buffer; count: number }): { buf: Buffer; count: number } {
    const r = this.native.convert(batch.buf, batch.count);
    return { buf: r.data, count: r.count };
  }

  /** as many records as fit in cap bytes, in `form`; inDone/inUsed: the input they came from */
  convertSome(batch: { buf: Buffer; count: number }, cap: number, form: Compat029Form = 'records') {
    return this.native.convert(batch.buf, batch.count, cap, form);
  }

  /** every record of the batch in `form` (blocks: ready for SavefileWriter.writeBlocks) */
  convertTo(batch: { buf: Buffer; count: number }, form: Compat029Form): { buf: Buffer; count: number } {
    const r = this.native.convert(batch.buf, batch.count, undefined, form);
    return { buf: r.data, count: r.count };
  }

  /**
   * Ring records (the eBPF probe's own layout: event header, u16 lengths; one after
   * the other in buf), from CPU cpu, converted one at a time as the live engine's
   * recorder converts them, as many as fit in cap bytes (default: all)
   */
  convertRing(buf: Buffer, cpu: number, form: Compat029Form = 'records', cap?: number) {
    return this.native.convertRing(buf, cpu, cap, form);
  }

  get stats(): { events: number; entersAdded: number; dropped: number } {
    return this.native.stats();
  }
}
