// Test support for the filter tests: a field registry over synthetic events, and AST
// comparison without source positions.
import type { Event } from '../../sinsp/event/event.js';
import { FieldError, FieldFlag, type Extractor, type FieldClassInfo, type FieldInfo, type FieldRegistry, type FieldValue } from '../../sinsp/fields/types.js';

/** A synthetic event: field values by name (`evt.arg[0]`, `proc.env[HOME]` for arguments). */
export interface FakeEvent {
  values: Record<string, FieldValue | FieldValue[] | undefined>;
}

export function ev(values: FakeEvent['values']): Event {
  return { values } as unknown as Event;
}

export interface FakeFieldSpec {
  name: string;
  type: number;
  flags?: number;
  /** the field matches several values: the event holds an array */
  list?: boolean;
  listNotEqual?: 'none-equal' | 'any-differs';
}

class FakeExtractor implements Extractor {
  readonly type: number;
  readonly listNotEqual?: 'none-equal' | 'any-differs';
  readonly extractList?: (e: Event) => FieldValue[] | undefined;
  private readonly key: string;

  constructor(readonly info: FieldInfo, readonly arg: string | undefined, spec: FakeFieldSpec) {
    this.type = spec.type;
    this.key = arg === undefined ? info.name : `${info.name}[${arg}]`;
    if (spec.listNotEqual) this.listNotEqual = spec.listNotEqual;
    if (spec.list && arg === undefined) {
      const key = this.key;
      this.extractList = (e) => (e as unknown as FakeEvent).values[key] as FieldValue[] | undefined;
    }
  }

  extract(e: Event): FieldValue | undefined {
    const v = (e as unknown as FakeEvent).values[this.key];
    return Array.isArray(v) ? v[0] : v;
  }

  render(v: FieldValue): string {
    return String(v);
  }
}

/**
 * A registry over `specs`. Field references are `name`, `name[arg]` or, for fields that
 * take an argument, `name.arg`; scan finds the longest known name at a position.
 */
export class FakeRegistry implements FieldRegistry {
  readonly classes: FieldClassInfo[];
  readonly resolved: string[] = [];
  private readonly byName = new Map<string, FakeFieldSpec>();

  constructor(specs: FakeFieldSpec[]) {
    for (const s of specs) this.byName.set(s.name, s);
    this.classes = [
      {
        name: 'fake',
        desc: 'test fields',
        shortDesc: 'test',
        fields: specs.map((s) => ({ name: s.name, type: s.type, desc: s.name, flags: s.flags ?? 0 })),
      },
    ];
  }

  scan(text: string, pos: number): { name: string; arg: string | undefined; end: number } | undefined {
    let best: FakeFieldSpec | undefined;
    for (const s of this.byName.values()) {
      if (text.startsWith(s.name, pos) && (!best || s.name.length > best.name.length)) best = s;
    }
    if (!best) return undefined;
    let end = pos + best.name.length;
    const takesArg = ((best.flags ?? 0) & (FieldFlag.ARG_ALLOWED | FieldFlag.ARG_REQUIRED)) !== 0;
    if (takesArg && text[end] === '[') {
      const close = text.indexOf(']', end);
      if (close < 0) return undefined;
      return { name: best.name, arg: text.slice(end + 1, close), end: close + 1 };
    }
    if (takesArg && text[end] === '.') {
      const m = /^[A-Za-z0-9_]+/.exec(text.slice(end + 1));
      if (m) return { name: best.name, arg: m[0], end: end + 1 + m[0].length };
    }
    return { name: best.name, arg: undefined, end };
  }

  resolve(name: string, arg: string | undefined): Extractor {
    const spec = this.byName.get(name);
    if (!spec) throw new FieldError(`unknown field '${name}'`);
    const flags = spec.flags ?? 0;
    if (arg !== undefined && !(flags & (FieldFlag.ARG_ALLOWED | FieldFlag.ARG_REQUIRED))) {
      throw new FieldError(`field '${name}' does not take an argument`);
    }
    if (arg === undefined && flags & FieldFlag.ARG_REQUIRED) throw new FieldError(`field '${name}' requires an argument`);
    this.resolved.push(arg === undefined ? name : `${name}[${arg}]`);
    const info = this.classes[0]!.fields.find((f) => f.name === name)!;
    return new FakeExtractor(info, arg, spec);
  }
}

/** The AST without positions and raw texts, for deepEqual. */
export function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === 'loc' || k === 'opLoc' || k === 'raw') continue;
      out[k] = strip(v);
    }
    return out;
  }
  return node;
}
