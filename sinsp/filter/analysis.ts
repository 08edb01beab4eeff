// Questions about a filter that do not need events: which fields it reads (the chisel
// engine and the formatter's field preloading want them), and which values a field must
// have for the filter to possibly match (kernel-side pushdown: the event types or process
// names worth capturing).
import type { BoolNode, FieldNode, Loc } from './ast.js';
import { forEachField } from './ast.js';

export interface FieldUse {
  name: string;
  arg: string | undefined;
  /** where the field is first written */
  loc: Loc;
}

/** Every field the filter reads (both sides of checks, inside transformers), once each, in order. */
export function filterFields(ast: BoolNode): FieldUse[] {
  const seen = new Map<string, FieldUse>();
  forEachField(ast, (f: FieldNode) => {
    const key = f.arg === undefined ? f.name : `${f.name}\u0000${f.arg}`;
    if (!seen.has(key)) seen.set(key, { name: f.name, arg: f.arg, loc: f.loc });
  });
  return [...seen.values()];
}

/**
 * The values a field can have in events the filter may accept. With `negated` false the
 * allowed values are exactly `values`; with `negated` true they are every value except
 * `values`. `missing` says whether an event without a value for the field can match.
 * Values are the literals as written in the filter (`open`, not an event number).
 * Unconstrained is `{ negated: true, values: {}, missing: true }`.
 */
export interface ValueConstraint {
  negated: boolean;
  values: Set<string>;
  missing: boolean;
}

interface Approx {
  c: ValueConstraint;
  /** true when the check depends on the field alone and `c` is exact, not a superset */
  exact: boolean;
}

const top = (): ValueConstraint => ({ negated: true, values: new Set(), missing: true });

function union(a: ValueConstraint, b: ValueConstraint): ValueConstraint {
  const missing = a.missing || b.missing;
  if (!a.negated && !b.negated) return { negated: false, values: new Set([...a.values, ...b.values]), missing };
  if (a.negated && b.negated) return { negated: true, values: new Set([...a.values].filter((v) => b.values.has(v))), missing };
  const [neg, pos] = a.negated ? [a, b] : [b, a];
  return { negated: true, values: new Set([...neg.values].filter((v) => !pos.values.has(v))), missing };
}

function intersect(a: ValueConstraint, b: ValueConstraint): ValueConstraint {
  const missing = a.missing && b.missing;
  if (!a.negated && !b.negated) return { negated: false, values: new Set([...a.values].filter((v) => b.values.has(v))), missing };
  if (a.negated && b.negated) return { negated: true, values: new Set([...a.values, ...b.values]), missing };
  const [neg, pos] = a.negated ? [a, b] : [b, a];
  return { negated: false, values: new Set([...pos.values].filter((v) => !neg.values.has(v))), missing };
}

function complement(a: ValueConstraint): ValueConstraint {
  return { negated: !a.negated, values: new Set(a.values), missing: !a.missing };
}

function isField(node: BoolNode | FieldNode | { kind: string }, name: string, arg: string | undefined): boolean {
  return node.kind === 'field' && (node as FieldNode).name === name && (node as FieldNode).arg === arg;
}

function usesField(node: { kind: string }, name: string, arg: string | undefined): boolean {
  let found = false;
  forEachField(node as BoolNode, (f) => {
    if (f.name === name && f.arg === arg) found = true;
  });
  return found;
}

function approx(node: BoolNode, name: string, arg: string | undefined): Approx {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const parts = node.children.map((c) => approx(c, name, arg));
      const combine = node.kind === 'and' ? intersect : union;
      return { c: parts.map((p) => p.c).reduce(combine), exact: parts.every((p) => p.exact) };
    }
    case 'not': {
      const inner = approx(node.child, name, arg);
      return inner.exact ? { c: complement(inner.c), exact: true } : { c: top(), exact: false };
    }
    case 'identifier':
      return { c: top(), exact: false };
    case 'unary':
      if (isField(node.left, name, arg)) return { c: { negated: true, values: new Set(), missing: false }, exact: true };
      return { c: top(), exact: false };
    case 'binary': {
      // a check on the field, a transformer of it, or with it inside: it must have a value
      const present: Approx = { c: { negated: true, values: new Set(), missing: false }, exact: false };
      if (!isField(node.left, name, arg)) return usesField(node.left, name, arg) ? present : { c: top(), exact: false };
      const r = node.right;
      const op = node.op;
      if (r.kind === 'value' && !node.modifier) {
        if (op === '=' || op === '==' || op === 'in' || op === 'intersects') {
          return { c: { negated: false, values: new Set([r.value]), missing: false }, exact: true };
        }
        if (op === '!=') return { c: { negated: true, values: new Set([r.value]), missing: false }, exact: true };
      }
      if (r.kind === 'list' && (op === 'in' || op === 'intersects' || ((op === '=' || op === '==') && node.modifier === 'anyof'))) {
        return { c: { negated: false, values: new Set(r.items.map((i) => i.value)), missing: false }, exact: true };
      }
      return present;
    }
  }
}

/** The values `field` (with `arg`, if it takes one) may have when the filter matches. */
export function allowedValues(ast: BoolNode, field: string, arg?: string): ValueConstraint {
  return approx(ast, field, arg).c;
}

/**
 * The finite set of values `field` must take for the filter to match (`evt.type` ->
 * {open, openat}), or undefined when the filter does not limit it to a list.
 */
export function requiredValues(ast: BoolNode, field: string, arg?: string): Set<string> | undefined {
  const c = allowedValues(ast, field, arg);
  return c.negated || c.missing ? undefined : c.values;
}
