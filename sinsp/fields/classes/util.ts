// util.*: helpers for chisels, not listed by -l.
import { PF, PT } from '../../generated/schema.js';
import { FieldError, FieldFlag, type Extractor, type FieldClass, type FieldContext, type FieldInfo } from '../types.js';
import { FieldExtractor } from './extractor.js';

const fields: FieldInfo[] = [
  { name: 'util.cnt', type: PT.UINT64, fmt: PF.ID, desc: 'a counter that goes up by one each time it is read.', flags: FieldFlag.HIDDEN },
];

function bind(f: FieldInfo, arg: string | undefined, _ctx: FieldContext): Extractor {
  if (arg !== undefined) throw new FieldError(`unrecognized field ${f.name}[${arg}]`);
  let count = 0n;
  return new FieldExtractor(f, arg, () => ++count);
}

export const utilFields: FieldClass = {
  name: 'util',
  shortDesc: '',
  desc: '',
  fields,
  bind,
};
