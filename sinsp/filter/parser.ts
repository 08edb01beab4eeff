// The filter parser: text -> AST (ast.ts), by recursive descent.
//
// Grammar (EBNF), libsinsp's filter/parser.h with sysdig 0.29.3's laxer values:
//
//   Filter         ::= OrExpr <end>
//   OrExpr         ::= AndExpr ( 'or' ( Blank AndExpr | '(' OrExpr ')' ) )*
//   AndExpr        ::= NotExpr ( 'and' ( Blank NotExpr | '(' OrExpr ')' ) )*
//   NotExpr        ::= ( 'not' Blank )* ( 'not(' OrExpr ')' | Check )
//   Check          ::= '(' OrExpr ')'
//                    | Operand Condition
//                    | Identifier                        (a macro; rejected when compiling)
//   Operand        ::= Field | Transformer
//   Field          ::= FieldName ( '[' FieldArg ']' )?     (or whatever FieldRegistry.scan finds)
//   FieldArg       ::= QuotedStr | FieldArgBareStr
//   Transformer    ::= TransformerName '(' TrArg ( ',' TrArg )* ')' ( '[' FieldArg ']' )?
//   TransformerName::= 'tolower' | 'toupper' | 'b64' | 'basename' | 'len' | 'join' | 'concat' | 'getopt'
//   TrArg          ::= Transformer | Field | QuotedStr | Number | '(' ( TrListArg ( ',' TrListArg )* )? ')'
//   TrListArg      ::= Field | Transformer | QuotedStr | Number
//   ValOrTr        ::= Transformer | 'val(' Field ')' ( '[' FieldArg ']' )?
//   Condition      ::= 'exists'
//                    | NumOp ( ValOrTr | Value )
//                    | StrOp ( ValOrTr | Value )
//                    | StrOp Modifier ListValue
//                    | ListOp ( ListValue | ValOrTr )
//   NumOp          ::= '<=' | '<' | '>=' | '>'
//   StrOp          ::= '==' | '=' | '!=' | 'contains' | 'icontains' | 'bcontains' | 'startswith'
//                    | 'bstartswith' | 'endswith' | 'glob' | 'iglob' | 'regex'
//   Modifier       ::= 'oneof' | 'anyof' | 'allof'
//   ListOp         ::= 'intersects' | 'in' | 'pmatch'
//   ListValue      ::= '(' ( ListItem ( ',' ListItem )* )? ')' | Identifier
//   ListItem       ::= QuotedStr | BareListItem
//   Value          ::= QuotedStr | BareValue | <nothing, before the end or ')'>   (0.29.3: '')
//
// Tokens (FieldName, Identifier, QuotedStr, Number, BareValue, BareListItem) are described
// in lexer.ts. Values, quoted or bare, decode sysdig 0.29.3's escapes: \\ \" \xHH.
//
// Operators spelled with letters must not run into the next word (`containsx` is not
// `contains x`). `and` binds tighter than `or`, and `not` tighter than both, as in
// current libsinsp (sysdig 0.29.3 refused to mix `and` and `or` without parentheses;
// every filter it accepted means the same here). A run of `not`s negates once, as in
// sysdig 0.29.3 (`not not a=1` is `not a=1`; current libsinsp cancels pairs);
// `not (not a=1)` is a double negation.
import type {
  AndNode,
  BinaryCheckNode,
  BinaryOperator,
  BoolNode,
  FieldNode,
  ListNode,
  OperandNode,
  OperatorModifier,
  OrNode,
  TransformerArgNode,
  TransformerListNode,
  TransformerName,
  TransformerNode,
  ValueNode,
} from './ast.js';
import { TRANSFORMERS } from './ast.js';
import { FilterError } from './errors.js';
import { Lexer, isBlank, isIdentChar, type Token } from './lexer.js';

export type FieldScanner = (
  text: string,
  pos: number,
) => { name: string; arg: string | undefined; end: number } | undefined;

export interface ParseOptions {
  /**
   * Finds a field reference at a position (FieldRegistry.scan). When given, it is asked
   * first, so fields whose arguments do not look like identifiers (`evt.arg.1`) parse;
   * the FieldName token rule is the fallback.
   */
  scanField?: FieldScanner;
}

const NUM_OPS = ['<=', '<', '>=', '>'] as const;
const SYMBOL_STR_OPS = ['==', '=', '!='] as const;
const WORD_STR_OPS = [
  'glob',
  'iglob',
  'contains',
  'icontains',
  'bcontains',
  'startswith',
  'bstartswith',
  'endswith',
  'regex',
] as const;
const LIST_OPS = ['intersects', 'in', 'pmatch'] as const;
const MODIFIERS = ['oneof', 'anyof', 'allof'] as const;
const TRANSFORMER_OPENERS = TRANSFORMERS.map((t) => `${t}(`);
const MAX_DEPTH = 200;


export function parseFilter(text: string, options: ParseOptions = {}): BoolNode {
  return new Parser(text, options).parse();
}

/** Parse a lone field or transformer expression (`proc.name`, `tolower(fd.name)`). */
export function parseOperand(text: string, options: ParseOptions = {}): OperandNode {
  return new Parser(text, options).parseStandaloneOperand();
}

function describe(text: string, pos: number): string {
  if (pos >= text.length) return 'the end of the filter';
  let end = pos + 1;
  while (end < text.length && end - pos < 20 && !isBlank(text.charCodeAt(end))) end++;
  return `'${text.slice(pos, end)}'`;
}

class Parser {
  private readonly lx: Lexer;
  private readonly text: string;
  private readonly scanField: FieldScanner | undefined;
  private depth = 0;

  constructor(text: string, options: ParseOptions) {
    this.text = text;
    this.lx = new Lexer(text);
    this.scanField = options.scanField;
  }

  private fail(pos: number, detail: string): never {
    throw new FilterError(pos, detail);
  }

  /** an error about what was found at the cursor, when something else was expected */
  private expected(what: string): never {
    const lx = this.lx;
    lx.skipBlank();
    if (lx.atEnd()) this.fail(lx.pos, `unexpected end of filter: expected ${what}`);
    this.fail(lx.pos, `expected ${what}, found ${describe(this.text, lx.pos)}`);
  }

  private enter(pos: number): void {
    if (++this.depth > MAX_DEPTH) this.fail(pos, `filter nested deeper than ${MAX_DEPTH} levels`);
  }

  parse(): BoolNode {
    const lx = this.lx;
    lx.skipBlank();
    if (lx.atEnd()) this.fail(lx.pos, 'the filter is empty');
    const node = this.parseOr();
    lx.skipBlank();
    if (!lx.atEnd()) {
      if (lx.lookingAt(')')) this.fail(lx.pos, "unbalanced parentheses: ')' without a matching '('");
      this.fail(lx.pos, `unexpected ${describe(this.text, lx.pos)}: expected 'and', 'or' or the end of the filter`);
    }
    return node;
  }

  parseStandaloneOperand(): OperandNode {
    const lx = this.lx;
    lx.skipBlank();
    const operand = this.parseOperand();
    if (!operand) this.expected('a field or a transformer');
    lx.skipBlank();
    if (!lx.atEnd()) this.fail(lx.pos, `unexpected ${describe(this.text, lx.pos)} after the field`);
    return operand;
  }

  /** `kw` followed by a blank or '(' (`and(`), consumed with the blank; else nothing */
  private lexBoolKeyword(kw: 'and' | 'or'): 'blank' | 'paren' | undefined {
    const lx = this.lx;
    if (!lx.lookingAt(kw)) return undefined;
    const c = lx.peekCode(kw.length);
    if (isBlank(c)) {
      lx.pos += kw.length;
      lx.skipBlank();
      return 'blank';
    }
    if (c === 40) {
      lx.pos += kw.length + 1;
      return 'paren';
    }
    if (Number.isNaN(c)) {
      lx.pos += kw.length;
      this.fail(lx.pos, `unexpected end of filter after '${kw}'`);
    }
    return undefined;
  }

  private parseOr(): BoolNode {
    const lx = this.lx;
    lx.skipBlank();
    const start = lx.pos;
    const children: BoolNode[] = [this.parseAnd()];
    for (;;) {
      lx.skipBlank();
      const kwPos = lx.pos;
      const how = this.lexBoolKeyword('or');
      if (!how) break;
      children.push(how === 'paren' ? this.parseEmbedded(kwPos + 2) : this.parseAnd());
    }
    if (children.length === 1) return children[0]!;
    const node: OrNode = { kind: 'or', children, loc: { start, end: lx.pos } };
    return node;
  }

  private parseAnd(): BoolNode {
    const lx = this.lx;
    lx.skipBlank();
    const start = lx.pos;
    const children: BoolNode[] = [this.parseNot()];
    for (;;) {
      lx.skipBlank();
      const kwPos = lx.pos;
      const how = this.lexBoolKeyword('and');
      if (!how) break;
      children.push(how === 'paren' ? this.parseEmbedded(kwPos + 3) : this.parseNot());
    }
    if (children.length === 1) return children[0]!;
    const node: AndNode = { kind: 'and', children, loc: { start, end: lx.pos } };
    return node;
  }

  private parseNot(): BoolNode {
    const lx = this.lx;
    lx.skipBlank();
    const start = lx.pos;
    let negate = false;
    for (;;) {
      if (lx.lookingAt('not') && Number.isNaN(lx.peekCode(3))) {
        this.fail(lx.pos + 3, "unexpected end of filter after 'not'");
      }
      if (lx.lookingAt('not') && isBlank(lx.peekCode(3))) {
        lx.pos += 3;
        lx.skipBlank();
        negate = true;
        continue;
      }
      break;
    }
    let child: BoolNode;
    if (lx.lookingAt('not(')) {
      lx.pos += 4;
      negate = true;
      child = this.parseEmbedded(lx.pos - 1);
    } else {
      child = this.parseCheck();
    }
    return negate ? { kind: 'not', child, loc: { start, end: lx.pos } } : child;
  }

  /** the rest of `( OrExpr )` once '(' (at openPos) has been consumed */
  private parseEmbedded(openPos: number): BoolNode {
    const lx = this.lx;
    this.enter(openPos);
    const child = this.parseOr();
    lx.skipBlank();
    if (!lx.lexExact(')')) {
      if (lx.atEnd()) this.fail(lx.pos, `unbalanced parentheses: '(' at position ${openPos} is never closed`);
      this.fail(lx.pos, `expected 'and', 'or' or ')', found ${describe(this.text, lx.pos)}`);
    }
    this.depth--;
    return child;
  }

  private parseCheck(): BoolNode {
    const lx = this.lx;
    lx.skipBlank();
    const start = lx.pos;
    if (lx.lexExact('(')) return this.parseEmbedded(start);
    const operand = this.parseOperand();
    if (operand) return this.parseCondition(operand, start);
    const id = lx.lexIdentifier();
    if (id) return { kind: 'identifier', name: id.value, loc: { start: id.start, end: id.end } };
    this.expected("a field check, 'not' or '('");
  }

  /** a field or a transformer (not `val(`) at the cursor, or undefined */
  private parseOperand(): OperandNode | undefined {
    const field = this.parseField();
    if (field) return field;
    return this.parseTransformer();
  }

  private parseField(): FieldNode | undefined {
    const lx = this.lx;
    const start = lx.pos;
    if (this.scanField) {
      const found = this.scanField(this.text, start);
      if (found && found.end > start) {
        const next = this.text.charCodeAt(found.end);
        // a registry match that stops inside a longer name is not this field
        if (!isIdentChar(next) && next !== 46) {
          lx.pos = found.end;
          const node: FieldNode = { kind: 'field', name: found.name, loc: { start, end: found.end } };
          if (found.arg !== undefined) {
            node.arg = found.arg;
            node.argStyle = this.text.charCodeAt(found.end - 1) === 93 ? 'bracket' : 'dot';
          } else {
            this.setFieldArg(node);
          }
          node.loc.end = lx.pos;
          return node;
        }
      }
    }
    const tok = lx.lexFieldName();
    if (!tok) return undefined;
    const node: FieldNode = { kind: 'field', name: tok.value, loc: { start, end: tok.end } };
    this.setFieldArg(node);
    node.loc.end = lx.pos;
    return node;
  }

  /** `[arg]` after a field or transformer, if present */
  private parseOptionalFieldArg(): string | undefined {
    const lx = this.lx;
    const open = lx.pos;
    if (!lx.lexExact('[')) return undefined;
    const tok = lx.lexQuotedString() ?? lx.lexFieldArgBare();
    if (!tok) this.expected("a field argument after '['");
    if (!lx.lexExact(']')) {
      if (lx.atEnd()) this.fail(lx.pos, `unbalanced brackets: '[' at position ${open} is never closed`);
      this.expected("']' after the field argument");
    }
    return tok.value;
  }

  private setFieldArg(node: FieldNode): void {
    const arg = this.parseOptionalFieldArg();
    if (arg === undefined) return;
    node.arg = arg;
    node.argStyle = 'bracket';
  }

  private setTransformerArg(node: TransformerNode): void {
    const arg = this.parseOptionalFieldArg();
    if (arg !== undefined) node.arg = arg;
  }

  private parseTransformer(): TransformerNode | undefined {
    const lx = this.lx;
    const start = lx.pos;
    const opener = lx.lexOneOf(TRANSFORMER_OPENERS);
    if (!opener) return undefined;
    const name = opener.value.slice(0, -1) as TransformerName;
    this.enter(start);
    const args: TransformerArgNode[] = [];
    do {
      lx.skipBlank();
      args.push(this.parseTransformerArg(name));
      lx.skipBlank();
    } while (lx.lexExact(','));
    if (!lx.lexExact(')')) this.expected(`',' or ')' closing '${name}('`);
    this.depth--;
    const node: TransformerNode = { kind: 'transformer', name, args, loc: { start, end: lx.pos } };
    this.setTransformerArg(node);
    node.loc.end = lx.pos;
    return node;
  }

  private valueFromToken(tok: Token): ValueNode {
    return { kind: 'value', value: tok.value, raw: tok.raw, loc: { start: tok.start, end: tok.end } };
  }

  private parseTransformerArg(name: TransformerName): TransformerArgNode {
    const lx = this.lx;
    const num = lx.lexHexNumber() ?? lx.lexNumber();
    if (num) return this.valueFromToken(num);
    const str = lx.lexQuotedString();
    if (str) return this.valueFromToken(str);
    const start = lx.pos;
    if (lx.lexExact('(')) return this.parseTransformerList(start);
    const operand = this.parseOperand();
    if (operand) return operand;
    this.expected(`a field, a transformer, a quoted string, a number or a list as argument of '${name}('`);
  }

  private parseTransformerList(start: number): TransformerListNode {
    const lx = this.lx;
    const items: TransformerListNode['items'] = [];
    lx.skipBlank();
    if (!lx.lexExact(')')) {
      do {
        lx.skipBlank();
        const num = lx.lexHexNumber() ?? lx.lexNumber();
        const str = num ? undefined : lx.lexQuotedString();
        const tok = num ?? str;
        if (tok) {
          items.push(this.valueFromToken(tok));
        } else {
          const operand = this.parseOperand();
          if (!operand) this.expected('a field, a transformer, a quoted string or a number in the list');
          items.push(operand);
        }
        lx.skipBlank();
      } while (lx.lexExact(','));
      if (!lx.lexExact(')')) this.expected("',' or ')' in the list");
    }
    return { kind: 'transformerList', items, loc: { start, end: lx.pos } };
  }

  /** `val(field)` or a transformer at the cursor, or undefined */
  private parseValOrTransformer(): OperandNode | undefined {
    const lx = this.lx;
    const start = lx.pos;
    if (lx.lexExact('val(')) {
      this.enter(start);
      lx.skipBlank();
      const field = this.parseField();
      if (!field) this.expected("a field inside 'val('");
      lx.skipBlank();
      if (!lx.lexExact(')')) this.expected("')' closing 'val('");
      this.depth--;
      const node: TransformerNode = { kind: 'transformer', name: 'val', args: [field], loc: { start, end: lx.pos } };
      this.setTransformerArg(node);
      node.loc.end = lx.pos;
      return node;
    }
    return this.parseTransformer();
  }

  private parseCondition(left: OperandNode, start: number): BoolNode {
    const lx = this.lx;
    lx.skipBlank();
    if (lx.lookingAt('exists') && !isIdentChar(lx.peekCode(6))) {
      const opStart = lx.pos;
      lx.pos += 6;
      return { kind: 'unary', left, op: 'exists', opLoc: { start: opStart, end: lx.pos }, loc: { start, end: lx.pos } };
    }
    const opTok =
      lx.lexOneOf(NUM_OPS, 'operator') ??
      lx.lexOneOf(SYMBOL_STR_OPS, 'operator') ??
      lx.lexWord(WORD_STR_OPS) ??
      lx.lexWord(LIST_OPS);
    if (!opTok) {
      this.expected(
        "an operator: one of 'exists', '=', '==', '!=', '<', '<=', '>', '>=', 'contains', 'icontains', " +
          "'bcontains', 'startswith', 'bstartswith', 'endswith', 'glob', 'iglob', 'regex', 'in', 'intersects', 'pmatch'",
      );
    }
    const op = opTok.value as BinaryOperator;
    const node: BinaryCheckNode = {
      kind: 'binary',
      left,
      op,
      right: undefined as never,
      opLoc: { start: opTok.start, end: opTok.end },
      loc: { start, end: 0 },
    };
    if ((LIST_OPS as readonly string[]).includes(op)) {
      lx.skipBlank();
      node.right = this.parseListValue(op, true);
    } else {
      const hadBlank = lx.skipBlank();
      const modifier = hadBlank && !(NUM_OPS as readonly string[]).includes(op) ? this.lexModifier() : undefined;
      if (modifier) {
        node.modifier = modifier;
        node.right = this.parseListValue(`${op} ${modifier}`, false);
      } else {
        node.right = this.parseValOrTransformer() ?? this.parseSingleValue(op);
      }
    }
    node.loc.end = lx.pos;
    return node;
  }

  /** `oneof`/`anyof`/`allof` + blank, when a list follows and not `and`/`or`/`not` */
  private lexModifier(): OperatorModifier | undefined {
    const lx = this.lx;
    const save = lx.pos;
    for (const m of MODIFIERS) {
      if (!lx.lookingAt(m) || !isBlank(lx.peekCode(m.length))) continue;
      lx.pos += m.length;
      lx.skipBlank();
      const c = lx.peekCode();
      const listFollows = c === 40 || /^[a-zA-Z]/.test(this.text.slice(lx.pos, lx.pos + 1));
      const keywordFollows = /^(?:and|or|not)(?![a-zA-Z0-9])/.test(this.text.slice(lx.pos, lx.pos + 4));
      if (listFollows && !keywordFollows) return m;
      break;
    }
    lx.pos = save;
    return undefined;
  }

  private parseSingleValue(op: string): ValueNode {
    const lx = this.lx;
    const tok = lx.lexQuotedString() ?? lx.lexBareValue(false);
    if (tok) return this.valueFromToken(tok);
    // sysdig 0.29.3 read nothing before the end or a ')' as the empty string
    if (lx.atEnd() || lx.lookingAt(')')) return { kind: 'value', value: '', raw: '', loc: { start: lx.pos, end: lx.pos } };
    this.expected(`a value after '${op}'`);
  }

  /** `( item, ... )`, an identifier (a list macro), or for list operators val()/transformers */
  private parseListValue(op: string, allowOperand: boolean): ListNode | ValueNode | OperandNode {
    const lx = this.lx;
    const start = lx.pos;
    if (lx.lexExact('(')) {
      const items: ValueNode[] = [];
      lx.skipBlank();
      if (!lx.lexExact(')')) {
        for (;;) {
          lx.skipBlank();
          const tok = lx.lexQuotedString() ?? lx.lexBareValue(true);
          if (!tok) this.expected(`a value in the list of '${op}'`);
          items.push(this.valueFromToken(tok));
          lx.skipBlank();
          if (lx.lexExact(',')) continue;
          if (lx.lexExact(')')) break;
          if (lx.atEnd()) this.fail(lx.pos, `unbalanced parentheses: the list at position ${start} is never closed`);
          this.expected("',' or ')' in the list");
        }
      }
      return { kind: 'list', items, loc: { start, end: lx.pos } };
    }
    if (allowOperand) {
      const operand = this.parseValOrTransformer();
      if (operand) return operand;
    }
    const id = lx.lexIdentifier();
    if (id) return this.valueFromToken(id);
    this.expected(`a list '(...)' after '${op}'`);
  }
}
