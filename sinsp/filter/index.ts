// The filter language: parse, print, compile, analyse. See parser.ts for the grammar and
// compiler.ts for the comparison rules.
export type * from './ast.js';
export { forEachField } from './ast.js';
export { FilterError } from './errors.js';
export { parseFilter, parseOperand, type ParseOptions, type FieldScanner } from './parser.js';
export { printFilter, quoteString } from './printer.js';
export { compileFilter, compileAst, type FilterFn } from './compiler.js';
export { filterFields, allowedValues, requiredValues, type FieldUse, type ValueConstraint } from './analysis.js';
