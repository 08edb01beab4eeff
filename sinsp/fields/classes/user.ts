// user.*: the user the event's thread runs as, looked up in the capture's user list.
import { PF, PT } from '../../generated/schema.js';
import type { UserInfo } from '../../state/user.js';
import { FieldError, type Extractor, type FieldClass, type FieldContext, type FieldInfo } from '../types.js';
import { FieldExtractor } from './extractor.js';

const fields: FieldInfo[] = [
  { name: 'user.uid', type: PT.UINT32, fmt: PF.ID, desc: 'user id of the thread.' },
  { name: 'user.name', type: PT.CHARBUF, fmt: PF.NA, desc: 'name of the user.' },
  { name: 'user.homedir', type: PT.CHARBUF, fmt: PF.NA, desc: 'home directory of the user.' },
  { name: 'user.shell', type: PT.CHARBUF, fmt: PF.NA, desc: 'login shell of the user.' },
  { name: 'user.loginuid', type: PT.INT32, fmt: PF.ID, desc: 'audit (login) user id of the thread; -1 when unset.' },
  { name: 'user.loginname', type: PT.CHARBUF, fmt: PF.NA, desc: 'name of the audit (login) user.' },
];

/** libsinsp's get_user: 0xffffffff is "no user" */
function lookup(ctx: FieldContext, uid: number): UserInfo | undefined {
  const u = uid >>> 0;
  return u === 0xffffffff ? undefined : ctx.state.users.get(u);
}

function bind(f: FieldInfo, arg: string | undefined, ctx: FieldContext): Extractor {
  if (arg !== undefined) throw new FieldError(`unrecognized field ${f.name}[${arg}]`);
  switch (f.name) {
    case 'user.uid':
      return new FieldExtractor(f, arg, (ev) => (ev.thread ? ev.thread.uid >>> 0 : undefined));
    case 'user.name':
      return new FieldExtractor(f, arg, (ev) => (ev.thread ? lookup(ctx, ev.thread.uid)?.name : undefined));
    case 'user.homedir':
      return new FieldExtractor(f, arg, (ev) => (ev.thread ? lookup(ctx, ev.thread.uid)?.homedir : undefined));
    case 'user.shell':
      return new FieldExtractor(f, arg, (ev) => (ev.thread ? lookup(ctx, ev.thread.uid)?.shell : undefined));
    case 'user.loginuid':
      return new FieldExtractor(f, arg, (ev) => (ev.thread ? ev.thread.loginuid | 0 : undefined));
    case 'user.loginname':
      return new FieldExtractor(f, arg, (ev) => (ev.thread ? lookup(ctx, ev.thread.loginuid)?.name : undefined));
  }
  throw new FieldError(`unrecognized field ${f.name}`);
}

export const userFields: FieldClass = {
  name: 'user',
  shortDesc: '',
  desc: 'The user the thread that generated the event runs as.',
  fields,
  bind,
};
