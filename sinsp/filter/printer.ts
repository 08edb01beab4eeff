// AST -> canonical filter text. Parsing the printed text gives back the same tree (up to
// source positions): parentheses appear where the tree needs them (and around `and`
// inside `or`, which sysdig 0.29.3 requires), values are bare when libsinsp's BareStr
// takes them and double-quoted otherwise, operators have single spaces around them.
import type { AnyNode, BoolNode, FieldNode, ValueNode } from './ast.js';
import { unescapeValue } from './lexer.js';

// libsinsp's BareStr, less control characters and escapes: what every reader takes unquoted
const BARE = /^[^\x00-\x20\x7f()"'=,\\]+$/;
const BARE_FIELD_ARG = /^[^ \t\n\r\v\f[\]"']+$/;
const NUMBER = /^(?:0[xX][0-9a-fA-F]+|[+-]?[0-9]+\.?[0-9]*(?:[eE][+-][0-9]+)?)$/;
const IDENTIFIER = /^[a-zA-Z][a-zA-Z0-9_]*$/;
const MODIFIER_WORD = /^(?:oneof|anyof|allof)$/;

/** A double-quoted filter string for `s`: `\\`, `\"`, and `\xHH` for control characters. */
export function quoteString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) out += '\\"';
    else if (c === 92) out += '\\\\';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += s[i];
  }
  return out + '"';
}

/**
 * A value with `\xHH` escapes is printed as written: its bytes may not survive the round
 * trip through a JS string (`\xe9` is one byte, `é` two).
 */
function asWrittenWithBytes(v: ValueNode): string | undefined {
  if (!v.raw.includes('\\x')) return undefined;
  try {
    return unescapeValue(v.raw) === v.value ? v.raw : undefined;
  } catch {
    return undefined;
  }
}

type ValueContext = 'single' | 'list' | 'transformerArg';

function printValue(v: ValueNode, ctx: ValueContext): string {
  const s = v.value;
  const asWritten = asWrittenWithBytes(v);
  if (asWritten) return asWritten;
  switch (ctx) {
    case 'transformerArg':
      if (NUMBER.test(s) && !asWrittenWithBytes(v)) return s;
      break;
    case 'list':
      if (BARE.test(s)) return s;
      break;
    case 'single':
      // a bare `anyof (` would read as a modifier
      if (BARE.test(s) && !MODIFIER_WORD.test(s)) return s;
      break;
  }
  return quoteString(s);
}

function printField(f: FieldNode): string {
  if (f.arg === undefined) return f.name;
  if (f.argStyle === 'dot') return `${f.name}.${f.arg}`;
  return `${f.name}[${printArg(f.arg)}]`;
}

function printArg(arg: string): string {
  return BARE_FIELD_ARG.test(arg) ? arg : quoteString(arg);
}

function wrap(node: BoolNode, parenthesize: boolean): string {
  const s = print(node);
  return parenthesize ? `(${s})` : s;
}

function print(node: AnyNode): string {
  switch (node.kind) {
    case 'or':
      // `a or (b and c)`: the parentheses are redundant here but sysdig 0.29.3 needs them
      return node.children.map((c) => wrap(c, c.kind === 'or' || c.kind === 'and')).join(' or ');
    case 'and':
      return node.children.map((c) => wrap(c, c.kind === 'or' || c.kind === 'and')).join(' and ');
    case 'not':
      return `not ${wrap(node.child, node.child.kind === 'or' || node.child.kind === 'and' || node.child.kind === 'not')}`;
    case 'identifier':
      return node.name;
    case 'unary':
      return `${print(node.left)} ${node.op}`;
    case 'binary': {
      const op = node.modifier ? `${node.op} ${node.modifier}` : node.op;
      const r = node.right;
      let right: string;
      if (r.kind === 'value') {
        const listOp = node.modifier !== undefined || node.op === 'in' || node.op === 'intersects' || node.op === 'pmatch';
        // after a list operator a lone value is a list macro name: `in my_list`
        if (!listOp) right = printValue(r, 'single');
        else right = IDENTIFIER.test(r.value) ? r.value : `(${printValue(r, 'list')})`;
      } else {
        right = print(r);
      }
      return `${print(node.left)} ${op} ${right}`;
    }
    case 'field':
      return printField(node);
    case 'transformer': {
      const args = node.args.map((a) => (a.kind === 'value' ? printValue(a, 'transformerArg') : print(a)));
      const arg = node.arg === undefined ? '' : `[${printArg(node.arg)}]`;
      return `${node.name}(${args.join(', ')})${arg}`;
    }
    case 'value':
      return printValue(node, 'single');
    case 'list':
      return `(${node.items.map((v) => printValue(v, 'list')).join(', ')})`;
    case 'transformerList':
      return `(${node.items.map((v) => (v.kind === 'value' ? printValue(v, 'transformerArg') : print(v))).join(', ')})`;
  }
}

/** The canonical text of a filter (or of any part of one). */
export function printFilter(ast: AnyNode): string {
  return print(ast);
}
