// The filter AST, the shape of libsinsp's filter/ast.h: boolean nodes (and, or, not),
// checks (a field or transformer on the left, an operator, and for binary operators a
// value, a list or another field on the right), and bare identifiers (Falco macros,
// which sinspect does not expand; the compiler rejects them).
//
// Every node records where it came from in the filter text (`loc`, 0-based offsets), so
// that compile errors can name a position.

export interface Loc {
  start: number;
  end: number;
}

export interface AndNode {
  kind: 'and';
  children: BoolNode[];
  loc: Loc;
}

export interface OrNode {
  kind: 'or';
  children: BoolNode[];
  loc: Loc;
}

export interface NotNode {
  kind: 'not';
  child: BoolNode;
  loc: Loc;
}

/** A lone identifier where a check was expected (a macro name in Falco rules). */
export interface IdentifierNode {
  kind: 'identifier';
  name: string;
  loc: Loc;
}

export type UnaryOperator = 'exists';

export type BinaryOperator =
  | '='
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'contains'
  | 'icontains'
  | 'bcontains'
  | 'startswith'
  | 'bstartswith'
  | 'endswith'
  | 'glob'
  | 'iglob'
  | 'regex'
  | 'in'
  | 'intersects'
  | 'pmatch';

/** `= anyof (a, b)`: the operator holds for exactly one / any / all of the listed values */
export type OperatorModifier = 'oneof' | 'anyof' | 'allof';

export interface UnaryCheckNode {
  kind: 'unary';
  left: OperandNode;
  op: UnaryOperator;
  /** where the operator is written */
  opLoc: Loc;
  loc: Loc;
}

export interface BinaryCheckNode {
  kind: 'binary';
  left: OperandNode;
  op: BinaryOperator;
  modifier?: OperatorModifier;
  right: ValueNode | ListNode | OperandNode;
  /** where the operator is written */
  opLoc: Loc;
  loc: Loc;
}

/** A field reference: `proc.name`, `evt.arg[0]`, `evt.arg.fd`, `proc.env[HOME]`. */
export interface FieldNode {
  kind: 'field';
  name: string;
  /** the argument, when written (or found by the field registry) */
  arg?: string;
  /** how the argument was written: `name[arg]` or `name.arg` */
  argStyle?: 'bracket' | 'dot';
  loc: Loc;
}

export type TransformerName = 'val' | 'tolower' | 'toupper' | 'b64' | 'basename' | 'len' | 'join' | 'concat' | 'getopt';

/** `tolower(proc.name)`, `val(proc.pname)`, `concat(proc.name, "x")` */
export interface TransformerNode {
  kind: 'transformer';
  name: TransformerName;
  args: TransformerArgNode[];
  /** `join(",", proc.args)[0]`-style argument after the closing parenthesis */
  arg?: string;
  loc: Loc;
}

/** A literal: a quoted or bare string, or a number, as written. */
export interface ValueNode {
  kind: 'value';
  /** the value (quoted strings unescaped) */
  value: string;
  /** the text as written, quotes included (needed to recover `\xHH` bytes) */
  raw: string;
  loc: Loc;
}

/** `(a, b, "c d")` on the right of `in`, `intersects`, `pmatch` or a modifier */
export interface ListNode {
  kind: 'list';
  items: ValueNode[];
  loc: Loc;
}

/** `(a, proc.name, "x")` as a transformer argument */
export interface TransformerListNode {
  kind: 'transformerList';
  items: (FieldNode | TransformerNode | ValueNode)[];
  loc: Loc;
}

export type OperandNode = FieldNode | TransformerNode;
export type TransformerArgNode = FieldNode | TransformerNode | ValueNode | TransformerListNode;
export type CheckNode = UnaryCheckNode | BinaryCheckNode;
export type BoolNode = AndNode | OrNode | NotNode | CheckNode | IdentifierNode;

/** The root of a parsed filter. */
export type AstNode = BoolNode;

export type AnyNode = BoolNode | OperandNode | ValueNode | ListNode | TransformerListNode;

export const TRANSFORMERS: readonly TransformerName[] = [
  'tolower',
  'toupper',
  'b64',
  'basename',
  'len',
  'join',
  'concat',
  'getopt',
];

/** Call `fn` on every field reference in the tree, left to right. */
export function forEachField(node: AnyNode, fn: (f: FieldNode) => void): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      for (const c of node.children) forEachField(c, fn);
      return;
    case 'not':
      forEachField(node.child, fn);
      return;
    case 'unary':
      forEachField(node.left, fn);
      return;
    case 'binary':
      forEachField(node.left, fn);
      forEachField(node.right, fn);
      return;
    case 'field':
      fn(node);
      return;
    case 'transformer':
      for (const a of node.args) forEachField(a, fn);
      return;
    case 'transformerList':
      for (const a of node.items) forEachField(a, fn);
      return;
    case 'identifier':
    case 'value':
    case 'list':
      return;
  }
}
