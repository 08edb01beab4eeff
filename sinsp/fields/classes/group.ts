// group.*: the group the event's thread runs as, looked up in the capture's group list.
import { PF, PT } from '../../generated/schema.js';
import { FieldError, type Extractor, type FieldClass, type FieldContext, type FieldInfo } from '../types.js';
import { FieldExtractor } from './extractor.js';

const fields: FieldInfo[] = [
  { name: 'group.gid', type: PT.UINT64, fmt: PF.ID, desc: 'group id of the thread.' },
  { name: 'group.name', type: PT.CHARBUF, fmt: PF.NA, desc: 'name of the group.' },
];

function bind(f: FieldInfo, arg: string | undefined, ctx: FieldContext): Extractor {
  if (arg !== undefined) throw new FieldError(`unrecognized field ${f.name}[${arg}]`);
  switch (f.name) {
    case 'group.gid':
      // libsinsp reads this u32 as a u64: the high half is the thread's child count, the
      // member stored after the gid
      return new FieldExtractor(f, arg, (ev) => {
        const t = ev.thread;
        return t ? (BigInt(t.nchilds >>> 0) << 32n) | BigInt(t.gid >>> 0) : undefined;
      });
    case 'group.name':
      return new FieldExtractor(f, arg, (ev) => {
        if (!ev.thread) return undefined;
        const gid = ev.thread.gid >>> 0;
        // 0xffffffff is "no group" for libsinsp's get_group
        return gid === 0xffffffff ? undefined : ctx.state.groups.get(gid)?.name;
      });
  }
  throw new FieldError(`unrecognized field ${f.name}`);
}

export const groupFields: FieldClass = {
  name: 'group',
  shortDesc: '',
  desc: 'The group the thread that generated the event runs as.',
  fields,
  bind,
};
