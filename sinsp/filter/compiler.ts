// AST -> one closure `(ev) => boolean`. All the work that does not depend on the event
// happens here, once: fields are bound to extractors, literals are converted to the
// field's type, the comparison is chosen for the type and operator, sets, regexes, glob
// patterns and path-prefix tables are built. Per event only closures run; they allocate
// nothing (transformers aside, which build their new values).
//
// Semantics are sysdig 0.29.3's (libsinsp filter.cpp, filterchecks.cpp), extended with
// what current libsinsp added (transformers, val(), modifiers, regex, iglob, bcontains):
// - a check on a field with no value is false, whatever the operator (`!=` included);
//   `not` turns it true;
// - fields that match several values (fd.ip, fd.port, fd.net: both ends of a socket;
//   proc.aname, proc.apid: every ancestor) are true when one value satisfies the operator,
//   except `!=` on the socket-end fields, which needs every value to differ;
// - strings compare byte-wise (strcmp), `icontains`/`iglob` fold ASCII letters only.
import { Event } from '../event/event.js';
import { FieldError, type Extractor, type FieldRegistry, type FieldValue } from '../fields/types.js';
import { EVENT_COUNT, PPME, PT } from '../generated/schema.js';
import type {
  BinaryCheckNode,
  BoolNode,
  FieldNode,
  Loc,
  OperandNode,
  TransformerArgNode,
  TransformerNode,
  ValueNode,
} from './ast.js';
import { aroundCheck, aroundExists, aroundReference } from './around.js';
import { FilterError } from './errors.js';
import { valueBytes } from './lexer.js';
import {
  PathPrefixSet,
  bytesContain,
  bytesEndWith,
  bytesEqual,
  bytesStartWith,
  globToRegExp,
  makeICaseContains,
  regexToRegExp,
} from './matchers.js';
import { parseFilter } from './parser.js';
import { TRANSFORMER_IMPLS } from './transformers.js';
import { operatorProblem, typeInfo, typeName, type Literal, type TypeInfo } from './types.js';
import { ValueError, inNet, ipv4BytesToU32, parseHexBytes, type IpNet } from './values.js';

export type FilterFn = (ev: Event) => boolean;

type Test = (v: FieldValue) => boolean;
type Getter = (ev: Event) => FieldValue | undefined;
type ListGetter = (ev: Event) => FieldValue[] | undefined;

/** Fields whose `!=` means "no end of the socket equals", as 0.29.3's compare_ip/port/net. */
const SOCKET_END_FIELDS = new Set(['fd.ip', 'fd.port', 'fd.net', 'fd.proto']);

/** The left or right side of a check, bound. */
interface Operand {
  /** as written, for messages */
  label: string;
  type: number;
  info: TypeInfo | undefined;
  /** the plain field's extractor, for the fast paths */
  ex: Extractor | undefined;
  get: Getter;
  /** every value, for fields that match several */
  list: ListGetter | undefined;
  listNotEqual: 'none-equal' | 'any-differs';
  loc: Loc;
}

/** Compile filter text against a field registry. Throws FilterError. */
export function compileFilter(text: string, registry: FieldRegistry): FilterFn {
  const scanField = (t: string, p: number): ReturnType<FieldRegistry['scan']> => {
    try {
      return registry.scan(t, p);
    } catch (e) {
      if (e instanceof FieldError) throw new FilterError(p, e.message);
      throw e;
    }
  };
  return compileAst(parseFilter(text, { scanField }), registry);
}

/**
 * Compile an already parsed filter. Throws FilterError.
 *
 * Checks on fields that depend on the event type alone (`evt.type=read`, `evt.is_io=true`,
 * `evt.dir=<`) are decided for every event type once, here; where they make the filter
 * false whatever the rest says, the event's type number settles it, in one table lookup.
 * Not when a field of the filter keeps state across evaluations (evt.deltatime...) or
 * `evt.around` is used: those must see every event the full filter would show them.
 */
export function compileAst(ast: BoolNode, registry: FieldRegistry): FilterFn {
  const compiler = new Compiler(registry);
  const full = compiler.bool(ast);
  const possible = compiler.sawStateful ? undefined : compiler.typesThatMayMatch(ast);
  if (possible === undefined) return full;
  return (ev) => {
    const t = ev.type;
    return (t >= possible.length || possible[t] === 1) && full(ev);
  };
}

function and(fns: FilterFn[]): FilterFn {
  const n = fns.length;
  if (n === 2) {
    const [a, b] = fns as [FilterFn, FilterFn];
    return (ev) => a(ev) && b(ev);
  }
  if (n === 3) {
    const [a, b, c] = fns as [FilterFn, FilterFn, FilterFn];
    return (ev) => a(ev) && b(ev) && c(ev);
  }
  return (ev) => {
    for (let i = 0; i < n; i++) if (!fns[i]!(ev)) return false;
    return true;
  };
}

function or(fns: FilterFn[]): FilterFn {
  const n = fns.length;
  if (n === 2) {
    const [a, b] = fns as [FilterFn, FilterFn];
    return (ev) => a(ev) || b(ev);
  }
  if (n === 3) {
    const [a, b, c] = fns as [FilterFn, FilterFn, FilterFn];
    return (ev) => a(ev) || b(ev) || c(ev);
  }
  return (ev) => {
    for (let i = 0; i < n; i++) if (fns[i]!(ev)) return true;
    return false;
  };
}

function asU32(v: FieldValue): number | undefined {
  if (typeof v === 'number') return v >>> 0;
  if (v instanceof Uint8Array && v.length === 4) return ipv4BytesToU32(v);
  return undefined;
}

function asBytes(v: FieldValue): Uint8Array | undefined {
  if (v instanceof Uint8Array) return v;
  if (typeof v === 'string') return Buffer.from(v, 'utf8');
  return undefined;
}

/** true if the address (u32 or bytes) lies in the network */
function netTest(net: IpNet): Test {
  if (net.bytes.length === 4) {
    const maskBytes = new Uint8Array(4);
    for (let i = 0; i < 4; i++) {
      const bits = Math.max(0, Math.min(8, net.prefix - i * 8));
      maskBytes[i] = (0xff << (8 - bits)) & 0xff;
    }
    const mask = ipv4BytesToU32(maskBytes);
    const want = (ipv4BytesToU32(net.bytes) & mask) >>> 0;
    return (v) => {
      const a = asU32(v);
      return a !== undefined && ((a & mask) >>> 0) === want;
    };
  }
  if (net.bareV6) {
    // sysdig 0.29.3 matched an IPv4 address against such a literal by reading its 16
    // bytes as an IPv4 network: bytes 0-3 the address, 4-7 the mask (so `fd.net=::1`
    // matches every IPv4 socket). Kept: it decides real result sets.
    const mask = ipv4BytesToU32(net.bytes.subarray(4, 8));
    const want = (ipv4BytesToU32(net.bytes.subarray(0, 4)) & mask) >>> 0;
    return (v) => {
      if (v instanceof Uint8Array && v.length === 16) return inNet(v, net);
      const a = asU32(v);
      return a !== undefined && ((a & mask) >>> 0) === want;
    };
  }
  return (v) => v instanceof Uint8Array && inNet(v, net);
}

const ASCII_UPPER = /[A-Z]+/g;
function lowerAscii(s: string): string {
  return s.replace(ASCII_UPPER, (m) => m.toLowerCase());
}

class Compiler {
  /** a field that keeps state across evaluations, or evt.around, was compiled in */
  sawStateful = false;
  /** the compiled checks whose result depends on the event type alone */
  private readonly typeOnlyChecks = new Map<BinaryCheckNode, FilterFn>();

  /**
   * 1 for each event type an event may have and match, 0 where the type-only checks make
   * the filter false; undefined when no type is ruled out. Generic events (named by their
   * syscall code) are never ruled out.
   */
  typesThatMayMatch(ast: BoolNode): Uint8Array | undefined {
    if (this.typeOnlyChecks.size === 0) return undefined;
    const probe = new Event();
    const mask = new Uint8Array(EVENT_COUNT);
    let ruledOut = 0;
    for (let t = 0; t < EVENT_COUNT; t++) {
      probe.type = t;
      if (t === PPME.GENERIC_E || t === PPME.GENERIC_X || this.decide(ast, probe) !== false) mask[t] = 1;
      else ruledOut++;
    }
    return ruledOut === 0 ? undefined : mask;
  }

  /** the filter's value for events of probe.type: true, false, or undefined (it depends) */
  private decide(node: BoolNode, probe: Event): boolean | undefined {
    switch (node.kind) {
      case 'and':
      case 'or': {
        const stopAt = node.kind === 'or';
        let unknown = false;
        for (const c of node.children) {
          const r = this.decide(c, probe);
          if (r === stopAt) return stopAt;
          if (r === undefined) unknown = true;
        }
        return unknown ? undefined : !stopAt;
      }
      case 'not': {
        const r = this.decide(node.child, probe);
        return r === undefined ? undefined : !r;
      }
      case 'binary': {
        const check = this.typeOnlyChecks.get(node);
        return check === undefined ? undefined : check(probe);
      }
      default:
        return undefined;
    }
  }

  constructor(private readonly registry: FieldRegistry) {}

  bool(node: BoolNode): FilterFn {
    switch (node.kind) {
      case 'and':
        return and(node.children.map((c) => this.bool(c)));
      case 'or':
        return or(node.children.map((c) => this.bool(c)));
      case 'not': {
        const f = this.bool(node.child);
        return (ev) => !f(ev);
      }
      case 'identifier':
        throw new FilterError(node.loc.start, `'${node.name}' is not a field check (macros are not supported)`);
      case 'unary': {
        const left = this.operand(node.left);
        const around = aroundReference(left.ex);
        if (around !== undefined) return aroundExists(around);
        return this.exists(left);
      }
      case 'binary':
        return this.binary(node);
    }
  }

  // ---- operands ------------------------------------------------------------------

  private resolve(node: FieldNode): Extractor {
    const ex = this.resolveField(node);
    if (ex.stateful || aroundReference(ex) !== undefined) this.sawStateful = true;
    return ex;
  }

  private resolveField(node: FieldNode): Extractor {
    const { registry } = this;
    const label = node.arg === undefined ? node.name : `${node.name}[${node.arg}]`;
    try {
      return registry.resolve(node.name, node.arg);
    } catch (e) {
      if (!(e instanceof FieldError)) throw e;
      // a tree parsed without the registry holds `evt.arg.fd` as one name: let the
      // registry split it
      if (node.arg === undefined) {
        try {
          const found = registry.scan(node.name, 0);
          if (found && found.end === node.name.length && (found.name !== node.name || found.arg !== undefined)) {
            return registry.resolve(found.name, found.arg);
          }
        } catch (e2) {
          if (!(e2 instanceof FieldError)) throw e2;
          throw new FilterError(node.loc.start, e2.message);
        }
      }
      const known = registry.classes.some((c) => c.fields.some((f) => f.name === node.name));
      throw new FilterError(node.loc.start, known ? e.message : `unknown field '${label}'`);
    }
  }

  private operand(node: OperandNode): Operand {
    if (node.kind === 'field') return this.fieldOperand(node);
    return this.transformerOperand(node);
  }

  private fieldOperand(node: FieldNode): Operand {
    const ex = this.resolve(node);
    const name = ex.info.name;
    const label = node.arg === undefined ? node.name : `${node.name}[${node.arg}]`;
    // fdlist.* are comma-joined strings in sysdig 0.29.3: compare the joined text
    const list: ListGetter | undefined =
      ex.extractList && !name.startsWith('fdlist.') ? (ev) => ex.extractList!(ev) : undefined;
    const declared = (ex as { listNotEqual?: 'none-equal' | 'any-differs' }).listNotEqual;
    return {
      label,
      type: ex.type,
      info: typeInfo(ex.type),
      ex,
      get: (ev) => ex.extract(ev),
      list,
      listNotEqual: declared ?? (SOCKET_END_FIELDS.has(name) ? 'none-equal' : 'any-differs'),
      loc: node.loc,
    };
  }

  private transformerOperand(node: TransformerNode): Operand {
    const at = node.loc.start;
    if (node.name === 'val') {
      const inner = this.operand(node.args[0] as OperandNode);
      return { ...inner, label: `val(${inner.label})`, loc: node.loc };
    }
    if (node.name === 'concat' || node.name === 'join') return this.multiValueOperand(node);
    const impl = TRANSFORMER_IMPLS[node.name];
    if (!impl) throw new FilterError(at, `transformer '${node.name}' is not supported`);
    if (node.arg !== undefined) throw new FilterError(at, `transformer '${node.name}' does not take an argument`);
    if (node.args.length !== 1) throw new FilterError(at, `transformer '${node.name}' takes exactly one field`);
    const argNode = node.args[0]!;
    if (argNode.kind !== 'field' && argNode.kind !== 'transformer') {
      throw new FilterError(argNode.loc.start, `transformer '${node.name}' takes a field, not a value`);
    }
    const inner = this.operand(argNode);
    const label = `${node.name}(${inner.label})`;
    const type = impl.outputType(inner.type, inner.list !== undefined);
    if (type === undefined) {
      throw new FilterError(at, `transformer '${node.name}' cannot be applied to ${inner.label} (${typeName(inner.type)})`);
    }
    const apply = impl.apply;
    const innerGet = inner.get;
    let get: Getter;
    let list: ListGetter | undefined;
    if (impl.applyList && inner.list) {
      const innerList = inner.list;
      const applyList = impl.applyList;
      get = (ev) => {
        const l = innerList(ev);
        return l === undefined ? undefined : applyList(l);
      };
    } else {
      get = (ev) => {
        const v = innerGet(ev);
        return v === undefined ? undefined : apply(v);
      };
      if (inner.list) {
        const innerList = inner.list;
        list = (ev) => {
          const l = innerList(ev);
          if (l === undefined) return undefined;
          const out: FieldValue[] = [];
          for (const v of l) {
            const t = apply(v);
            if (t !== undefined) out.push(t);
          }
          return out;
        };
      }
    }
    return { label, type, info: typeInfo(type), ex: undefined, get, list, listNotEqual: inner.listNotEqual, loc: node.loc };
  }

  /** a transformer argument that must give one string: a field, a transformer or a literal */
  private stringArg(node: TransformerArgNode, what: string): { label: string; get: Getter } {
    if (node.kind === 'value') {
      const s = node.value;
      return { label: JSON.stringify(s), get: () => s };
    }
    if (node.kind === 'transformerList') throw new FilterError(node.loc.start, `${what} must be a single value, not a list`);
    const op = this.operand(node);
    if (op.info?.cls !== 'string' || op.list) {
      throw new FilterError(node.loc.start, `${what} must be a string, but ${op.label} is ${typeName(op.type)}`);
    }
    return { label: op.label, get: op.get };
  }

  /** concat(a, b, ...) and join(sep, list): strings built from several values */
  private multiValueOperand(node: TransformerNode): Operand {
    const at = node.loc.start;
    const name = node.name;
    if (node.arg !== undefined) throw new FilterError(at, `transformer '${name}' does not take an argument`);
    let label: string;
    let get: Getter;
    if (name === 'concat') {
      if (node.args.length < 2) throw new FilterError(at, 'concat() takes at least 2 arguments');
      const parts = node.args.map((a, i) => this.stringArg(a, `concat() argument ${i + 1}`));
      label = `concat(${parts.map((p) => p.label).join(', ')})`;
      get = (ev) => {
        let out = '';
        for (const p of parts) {
          const v = p.get(ev);
          if (v === undefined) return undefined;
          out += v as string;
        }
        return out;
      };
    } else {
      if (node.args.length !== 2) throw new FilterError(at, 'join() takes 2 arguments: a separator and a list');
      const sep = this.stringArg(node.args[0]!, 'the join() separator');
      const listNode = node.args[1]!;
      let items: ListGetter;
      let listLabel: string;
      if (listNode.kind === 'transformerList') {
        const parts = listNode.items.map((a, i) => this.stringArg(a, `join() list item ${i + 1}`));
        listLabel = `(${parts.map((p) => p.label).join(', ')})`;
        items = (ev) => {
          const out: FieldValue[] = [];
          for (const p of parts) {
            const v = p.get(ev);
            if (v === undefined) return undefined;
            out.push(v);
          }
          return out;
        };
      } else if (listNode.kind === 'value') {
        throw new FilterError(listNode.loc.start, 'the second argument of join() must be a list');
      } else {
        const op = this.operand(listNode);
        if (!op.list || op.info?.cls !== 'string') {
          throw new FilterError(listNode.loc.start, `the second argument of join() must be a list of strings, not ${op.label}`);
        }
        listLabel = op.label;
        items = op.list;
      }
      label = `join(${sep.label}, ${listLabel})`;
      get = (ev) => {
        const s = sep.get(ev);
        const l = items(ev);
        return s === undefined || l === undefined ? undefined : l.join(s as string);
      };
    }
    return {
      label,
      type: PT.CHARBUF,
      info: typeInfo(PT.CHARBUF),
      ex: undefined,
      get,
      list: undefined,
      listNotEqual: 'any-differs',
      loc: node.loc,
    };
  }

  // ---- checks --------------------------------------------------------------------

  private exists(left: Operand): FilterFn {
    if (left.list) {
      const list = left.list;
      return (ev) => {
        const l = list(ev);
        return l !== undefined && l.length > 0;
      };
    }
    const ex = left.ex;
    if (ex) return (ev) => ex.extract(ev) !== undefined;
    const get = left.get;
    return (ev) => get(ev) !== undefined;
  }

  private binary(node: BinaryCheckNode): FilterFn {
    const left = this.operand(node.left);
    const check = this.binaryCheck(node, left);
    // a plain type-only field against literals: its result is the type's (see typesThatMayMatch)
    const right = node.right;
    if (node.left.kind === 'field' && right.kind !== 'field' && right.kind !== 'transformer' && left.ex?.typeOnly) {
      this.typeOnlyChecks.set(node, check);
    }
    return check;
  }

  private binaryCheck(node: BinaryCheckNode, left: Operand): FilterFn {
    const op = node.op === '==' ? '=' : node.op;
    // libsinsp compares evt.around[T] with its own rule, not as a number
    const around = aroundReference(left.ex);
    if (around !== undefined) return aroundCheck(node, op, around);
    const info = left.info;
    if (!info) {
      throw new FilterError(node.opLoc.start, `${left.label} has type ${typeName(left.type)}, which filters cannot compare`);
    }
    const problem = operatorProblem(op, info.cls);
    if (problem) throw new FilterError(node.opLoc.start, `${problem} (${left.label} is ${info.label})`);

    const right = node.right;
    if (right.kind === 'field' || right.kind === 'transformer') return this.fieldToField(node, left, op, right);

    const values: ValueNode[] = right.kind === 'list' ? right.items : [right];
    const checkLiteral = left.ex?.checkLiteral;
    if (checkLiteral) {
      for (const v of values) {
        const why = checkLiteral.call(left.ex, v.value);
        if (why !== undefined) throw new FilterError(v.loc.start, why);
      }
    }
    const isListOp = op === 'in' || op === 'intersects' || op === 'pmatch';

    if (node.modifier) {
      const tests = values.map((v) => this.singleTest(info, op, v));
      return this.check(left, combineModifier(node.modifier, tests), undefined);
    }
    if (isListOp) return this.check(left, this.memberTest(info, op, values), undefined, this.fastMember(left, op, info, values));
    const value = values[0]!;
    const test = this.singleTest(info, op, value);
    const eqForNotEqual = op === '!=' ? this.singleTest(info, '=', value) : undefined;
    return this.check(left, test, eqForNotEqual, this.fastSingle(left, op, info, value));
  }

  /** the check closure: scalar fields test their value, multi-valued fields any value */
  private check(left: Operand, test: Test, eqForNotEqual: Test | undefined, fast?: FilterFn): FilterFn {
    if (left.list) {
      const list = left.list;
      if (eqForNotEqual && left.listNotEqual === 'none-equal') {
        const eq = eqForNotEqual;
        return (ev) => {
          const l = list(ev);
          if (l === undefined || l.length === 0) return false;
          for (let i = 0; i < l.length; i++) if (eq(l[i]!)) return false;
          return true;
        };
      }
      return (ev) => {
        const l = list(ev);
        if (l === undefined) return false;
        for (let i = 0; i < l.length; i++) if (test(l[i]!)) return true;
        return false;
      };
    }
    if (fast) return fast;
    const ex = left.ex;
    if (ex) {
      return (ev) => {
        const v = ex.extract(ev);
        return v !== undefined && test(v);
      };
    }
    const get = left.get;
    return (ev) => {
      const v = get(ev);
      return v !== undefined && test(v);
    };
  }

  /** allocation-free closures for the commonest checks on plain fields */
  private fastSingle(left: Operand, op: string, info: TypeInfo, value: ValueNode): FilterFn | undefined {
    const ex = left.ex;
    if (!ex) return undefined;
    if (info.cls === 'string') {
      const s = value.value;
      if (op === '=') return ex.equalsAny?.([s]) ?? ((ev) => ex.extract(ev) === s);
      if (op === '!=') {
        return (ev) => {
          const v = ex.extract(ev);
          return v !== undefined && v !== s;
        };
      }
    }
    if (info.cls === 'number' || info.cls === 'bigint') {
      const n = this.literal(info, value) as number | bigint;
      // loose equality: a bigint field value equals a number literal and vice versa
      // eslint-disable-next-line eqeqeq
      if (op === '=') return (ev) => (ex.extract(ev) as unknown) == n;
      if (op === '!=') {
        return (ev) => {
          const v = ex.extract(ev);
          // eslint-disable-next-line eqeqeq
          return v !== undefined && (v as unknown) != n;
        };
      }
    }
    return undefined;
  }

  private fastMember(left: Operand, op: string, info: TypeInfo, values: ValueNode[]): FilterFn | undefined {
    const ex = left.ex;
    if (!ex || op === 'pmatch') return undefined;
    if (info.cls === 'string' || info.cls === 'number' || info.cls === 'ipv4') {
      const literals = values.map((v) => this.literal(info, v));
      if (op === 'in' && info.cls === 'string') {
        const direct = ex.equalsAny?.(literals as FieldValue[]);
        if (direct) return direct;
      }
      const set = new Set<unknown>(literals);
      return (ev) => set.has(ex.extract(ev));
    }
    return undefined;
  }

  /** a literal converted to the field's type; errors name the value's position */
  private literal(info: TypeInfo, v: ValueNode): Literal {
    try {
      // the raw text keeps `\xHH` bytes that the string value cannot tell from characters
      if (info.cls === 'bytes') return v.raw.includes('\\') ? valueBytes(v.raw) : info.parse(v.value);
      return info.parse(v.value);
    } catch (e) {
      if (e instanceof ValueError) throw new FilterError(v.loc.start, `${e.message} (expected ${info.label})`);
      throw new FilterError(v.loc.start, e instanceof Error ? e.message : String(e));
    }
  }

  /** the test for one operator and one literal */
  private singleTest(info: TypeInfo, op: string, v: ValueNode): Test {
    switch (info.cls) {
      case 'number':
      case 'bigint': {
        const n = this.literal(info, v) as number | bigint;
        /* eslint-disable eqeqeq */
        switch (op) {
          case '=':
            return (x) => (x as unknown) == n;
          case '!=':
            return (x) => (x as unknown) != n;
          case '<':
            return (x) => (x as number) < n;
          case '<=':
            return (x) => (x as number) <= n;
          case '>':
            return (x) => (x as number) > n;
          case '>=':
            return (x) => (x as number) >= n;
        }
        /* eslint-enable eqeqeq */
        break;
      }
      case 'bool': {
        const b = this.literal(info, v) as boolean;
        if (op === '=') return (x) => (x === true || x === 1) === b;
        if (op === '!=') return (x) => (x === true || x === 1) !== b;
        break;
      }
      case 'string':
        return this.stringTest(op, v);
      case 'bytes':
        return this.bytesTest(info, op, v);
      case 'ipv4': {
        const n = this.literal(info, v) as number;
        if (op === '=') return (x) => asU32(x) === n;
        if (op === '!=') return (x) => asU32(x) !== n;
        break;
      }
      case 'ipv6':
      case 'ipaddr': {
        const b = this.literal(info, v) as Uint8Array;
        const u32 = b.length === 4 ? ipv4BytesToU32(b) : undefined;
        const eq: Test = (x) => (x instanceof Uint8Array ? bytesEqual(x, b) : typeof x === 'number' && x >>> 0 === u32);
        if (op === '=') return eq;
        if (op === '!=') return (x) => !eq(x);
        break;
      }
      case 'net': {
        const inside = netTest(this.literal(info, v) as IpNet);
        if (op === '=') return inside;
        if (op === '!=') return (x) => !inside(x);
        break;
      }
    }
    throw new FilterError(v.loc.start, `'${op}' is not supported for ${info.label} values`);
  }

  private stringTest(op: string, v: ValueNode): Test {
    const s = v.value;
    switch (op) {
      case '=':
        return (x) => x === s;
      case '!=':
        return (x) => x !== s;
      case '<':
        return (x) => (x as string) < s;
      case '<=':
        return (x) => (x as string) <= s;
      case '>':
        return (x) => (x as string) > s;
      case '>=':
        return (x) => (x as string) >= s;
      case 'contains':
        return (x) => (x as string).includes(s);
      case 'icontains': {
        const f = makeICaseContains(s);
        return (x) => f(x as string);
      }
      case 'startswith':
        return (x) => (x as string).startsWith(s);
      case 'endswith':
        return (x) => (x as string).endsWith(s);
      case 'glob':
      case 'iglob': {
        const re = globToRegExp(s, op === 'iglob');
        return (x) => re.test(x as string);
      }
      case 'regex': {
        let re: RegExp;
        try {
          re = regexToRegExp(s);
        } catch (e) {
          throw new FilterError(v.loc.start, `invalid regex pattern '${s}': ${(e as Error).message}`);
        }
        return (x) => re.test(x as string);
      }
      case 'pmatch': {
        const set = new PathPrefixSet();
        set.add(s);
        return (x) => set.match(x as string);
      }
    }
    throw new FilterError(v.loc.start, `'${op}' is not supported for string values`);
  }

  private bytesTest(info: TypeInfo, op: string, v: ValueNode): Test {
    let b: Uint8Array;
    if (op === 'bcontains' || op === 'bstartswith') {
      try {
        b = parseHexBytes(v.value);
      } catch (e) {
        throw new FilterError(v.loc.start, (e as Error).message);
      }
    } else {
      b = this.literal(info, v) as Uint8Array;
    }
    const test = (f: (h: Uint8Array) => boolean): Test => (x) => {
      const h = asBytes(x);
      return h !== undefined && f(h);
    };
    switch (op) {
      case '=':
        return test((h) => bytesEqual(h, b));
      case '!=':
        return test((h) => !bytesEqual(h, b));
      case 'contains':
      case 'bcontains':
        return test((h) => bytesContain(h, b));
      case 'startswith':
      case 'bstartswith':
        return test((h) => bytesStartWith(h, b));
      case 'endswith':
        return test((h) => bytesEndWith(h, b));
    }
    throw new FilterError(v.loc.start, `'${op}' is not supported for buffer values`);
  }

  /** in / intersects / pmatch against a list of literals */
  private memberTest(info: TypeInfo, op: string, values: ValueNode[]): Test {
    if (op === 'pmatch') {
      const set = new PathPrefixSet();
      for (const v of values) set.add(v.value);
      return (x) => typeof x === 'string' && set.match(x);
    }
    switch (info.cls) {
      case 'string':
      case 'number':
      case 'ipv4': {
        const set = new Set<unknown>(values.map((v) => this.literal(info, v)));
        if (info.cls === 'ipv4') return (x) => set.has(asU32(x));
        return (x) => set.has(x);
      }
      case 'bigint': {
        const set = new Set<unknown>(values.map((v) => this.literal(info, v)));
        return (x) => set.has(typeof x === 'number' ? BigInt(x) : x);
      }
      default: {
        const tests = values.map((v) => this.singleTest(info, '=', v));
        return (x) => {
          for (let i = 0; i < tests.length; i++) if (tests[i]!(x)) return true;
          return false;
        };
      }
    }
  }

  // ---- field to field ------------------------------------------------------------

  private fieldToField(node: BinaryCheckNode, left: Operand, op: string, rightNode: OperandNode): FilterFn {
    if (op === 'pmatch' || op === 'regex') {
      throw new FilterError(node.opLoc.start, `'${op}' cannot compare with a field on the right-hand side`);
    }
    const info = left.info!;
    if (info.cls === 'net') {
      throw new FilterError(node.opLoc.start, `${left.label} (${info.label}) cannot be compared with another field`);
    }
    if (left.list) {
      throw new FilterError(left.loc.start, `${left.label} matches several values and cannot be compared with another field`);
    }
    const right = this.operand(rightNode);
    if (!right.info || right.info.cls !== info.cls) {
      throw new FilterError(
        rightNode.loc.start,
        `${left.label} has type ${typeName(left.type)} while ${right.label} has incompatible type ${typeName(right.type)}`,
      );
    }
    const lget = left.get;
    if (op === 'in' || op === 'intersects') {
      const eq = dynamicCompare(info.cls, '=')!;
      const rlist = right.list;
      const rget = right.get;
      return (ev) => {
        const a = lget(ev);
        if (a === undefined) return false;
        if (rlist) {
          const l = rlist(ev);
          if (l === undefined) return false;
          for (let i = 0; i < l.length; i++) if (eq(a, l[i]!)) return true;
          return false;
        }
        const b = rget(ev);
        return b !== undefined && eq(a, b);
      };
    }
    const cmp = dynamicCompare(info.cls, op);
    if (!cmp) throw new FilterError(node.opLoc.start, `'${op}' cannot compare two ${info.label} fields`);
    const rget = right.get;
    return (ev) => {
      const a = lget(ev);
      if (a === undefined) return false;
      const b = rget(ev);
      return b !== undefined && cmp(a, b);
    };
  }
}

function combineModifier(mod: 'oneof' | 'anyof' | 'allof', tests: Test[]): Test {
  const n = tests.length;
  switch (mod) {
    case 'anyof':
      return (x) => {
        for (let i = 0; i < n; i++) if (tests[i]!(x)) return true;
        return false;
      };
    case 'allof':
      return (x) => {
        if (n === 0) return false;
        for (let i = 0; i < n; i++) if (!tests[i]!(x)) return false;
        return true;
      };
    case 'oneof':
      return (x) => {
        let hits = 0;
        for (let i = 0; i < n; i++) if (tests[i]!(x) && ++hits > 1) return false;
        return hits === 1;
      };
  }
}

type Compare = (a: FieldValue, b: FieldValue) => boolean;

/** comparisons between two extracted values of the same class */
function dynamicCompare(cls: string, op: string): Compare | undefined {
  switch (cls) {
    case 'number':
    case 'bigint':
      /* eslint-disable eqeqeq */
      switch (op) {
        case '=':
          return (a, b) => (a as unknown) == (b as unknown);
        case '!=':
          return (a, b) => (a as unknown) != (b as unknown);
        case '<':
          return (a, b) => (a as number) < (b as number);
        case '<=':
          return (a, b) => (a as number) <= (b as number);
        case '>':
          return (a, b) => (a as number) > (b as number);
        case '>=':
          return (a, b) => (a as number) >= (b as number);
      }
      /* eslint-enable eqeqeq */
      break;
    case 'bool':
      if (op === '=') return (a, b) => Boolean(a) === Boolean(b);
      if (op === '!=') return (a, b) => Boolean(a) !== Boolean(b);
      break;
    case 'string': {
      let lastPattern: string | undefined;
      let lastRe: RegExp | undefined;
      const glob = (pattern: string, ci: boolean): RegExp => {
        if (pattern !== lastPattern) {
          lastPattern = pattern;
          lastRe = globToRegExp(pattern, ci);
        }
        return lastRe!;
      };
      switch (op) {
        case '=':
          return (a, b) => a === b;
        case '!=':
          return (a, b) => a !== b;
        case '<':
          return (a, b) => (a as string) < (b as string);
        case '<=':
          return (a, b) => (a as string) <= (b as string);
        case '>':
          return (a, b) => (a as string) > (b as string);
        case '>=':
          return (a, b) => (a as string) >= (b as string);
        case 'contains':
          return (a, b) => (a as string).includes(b as string);
        case 'icontains':
          return (a, b) => lowerAscii(a as string).includes(lowerAscii(b as string));
        case 'startswith':
          return (a, b) => (a as string).startsWith(b as string);
        case 'endswith':
          return (a, b) => (a as string).endsWith(b as string);
        case 'glob':
          return (a, b) => glob(b as string, false).test(a as string);
        case 'iglob':
          return (a, b) => glob(b as string, true).test(a as string);
      }
      break;
    }
    case 'bytes': {
      const both = (f: (h: Uint8Array, n: Uint8Array) => boolean): Compare => (a, b) => {
        const h = asBytes(a);
        const n = asBytes(b);
        return h !== undefined && n !== undefined && f(h, n);
      };
      switch (op) {
        case '=':
          return both(bytesEqual);
        case '!=':
          return both((h, n) => !bytesEqual(h, n));
        case 'contains':
        case 'bcontains':
          return both(bytesContain);
        case 'startswith':
        case 'bstartswith':
          return both(bytesStartWith);
        case 'endswith':
          return both(bytesEndWith);
      }
      break;
    }
    case 'ipv4':
      if (op === '=') return (a, b) => asU32(a) === asU32(b);
      if (op === '!=') return (a, b) => asU32(a) !== asU32(b);
      break;
    case 'ipv6':
    case 'ipaddr': {
      const eq: Compare = (a, b) =>
        a instanceof Uint8Array && b instanceof Uint8Array ? bytesEqual(a, b) : asU32(a) !== undefined && asU32(a) === asU32(b);
      if (op === '=') return eq;
      if (op === '!=') return (a, b) => !eq(a, b);
      break;
    }
  }
  return undefined;
}
