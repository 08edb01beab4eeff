// fs.path.*: the filesystem path(s) a syscall operated on, for the path-taking syscalls
// as well as the fd-creating ones. Not in sysdig 0.29.3: this follows the current
// falcosecurity libs (sinsp_filter_check_fspath), on this event table.
import type { Event } from '../../event/event.js';
import { paramS } from '../../event/params.js';
import { EVENTS, PF, PPM, PPME, PT } from '../../generated/schema.js';
import { FdType } from '../../state/fd.js';
import { FieldError, type Extractor, type FieldClass, type FieldContext, type FieldInfo } from '../types.js';
import { FieldExtractor } from './extractor.js';
import { fdFields } from './fd.js';

function field(name: string, desc: string): FieldInfo {
  return { name, type: PT.CHARBUF, fmt: PF.NA, desc, flags: 0 };
}

const fields: FieldInfo[] = [
  field('fs.path.name', 'the path a filesystem syscall operated on, made absolute with the working directory or directory fd.'),
  field('fs.path.nameraw', 'the path a filesystem syscall operated on, as passed to it.'),
  field('fs.path.source', 'for syscalls with a source and a target (rename, link, symlink, mount), the source path, made absolute.'),
  field('fs.path.sourceraw', 'the source path as passed to the syscall.'),
  field('fs.path.target', 'for syscalls with a source and a target (rename, link, symlink, mount), the target path, made absolute.'),
  field('fs.path.targetraw', 'the target path as passed to the syscall.'),
];

/** where a path comes from: a named parameter of the event, or the name of its fd */
type PathSource = string | { fd: true };
const FD_NAME: PathSource = { fd: true };

/** success condition per event type: the result is 0, or the returned fd is not -1 */
const SUCCESS = new Map<number, 'res0' | 'fd'>();
const PATH = new Map<number, PathSource>();
const SOURCE = new Map<number, PathSource>();
const TARGET = new Map<number, PathSource>();

function onPath(type: number, src: PathSource, ok: 'res0' | 'fd' = 'res0'): void {
  PATH.set(type, src);
  SUCCESS.set(type, ok);
}
function onPair(type: number, source: string, target: string): void {
  SOURCE.set(type, source);
  TARGET.set(type, target);
  SUCCESS.set(type, 'res0');
}

onPath(PPME.SYSCALL_MKDIR_2_X, 'path');
onPath(PPME.SYSCALL_MKDIRAT_X, 'path');
onPath(PPME.SYSCALL_RMDIR_2_X, 'path');
onPath(PPME.SYSCALL_UNLINK_2_X, 'path');
onPath(PPME.SYSCALL_UNLINKAT_2_X, 'name');
onPath(PPME.SYSCALL_OPEN_X, 'name', 'fd');
onPath(PPME.SYSCALL_OPENAT_2_X, 'name', 'fd');
onPath(PPME.SYSCALL_OPENAT2_X, 'name', 'fd');
onPath(PPME.SYSCALL_FCHMODAT_X, 'filename');
onPath(PPME.SYSCALL_CHMOD_X, 'filename');
onPath(PPME.SYSCALL_FCHMOD_X, FD_NAME);
onPath(PPME.SYSCALL_CHOWN_X, 'path');
onPath(PPME.SYSCALL_LCHOWN_X, 'path');
onPath(PPME.SYSCALL_FCHOWN_X, FD_NAME);
onPath(PPME.SYSCALL_FCHOWNAT_X, 'pathname');
onPath(PPME.SYSCALL_QUOTACTL_X, 'special');
onPair(PPME.SYSCALL_RENAME_X, 'oldpath', 'newpath');
onPair(PPME.SYSCALL_RENAMEAT_X, 'oldpath', 'newpath');
onPair(PPME.SYSCALL_RENAMEAT2_X, 'oldpath', 'newpath');
onPair(PPME.SYSCALL_LINK_2_X, 'newpath', 'oldpath');
onPair(PPME.SYSCALL_LINKAT_2_X, 'newpath', 'oldpath');
onPair(PPME.SYSCALL_SYMLINK_X, 'linkpath', 'target');
onPair(PPME.SYSCALL_SYMLINKAT_X, 'linkpath', 'target');
onPair(PPME.SYSCALL_MOUNT_X, 'dev', 'dir');
onPath(PPME.SYSCALL_UMOUNT_1_X, 'name');
onPath(PPME.SYSCALL_UMOUNT2_X, 'name');

/** calls whose relative paths are relative to the directory fd the event carries */
const DIRFD_EVENTS = new Set<number>([
  PPME.SYSCALL_NEWFSTATAT_X,
  PPME.SYSCALL_FCHOWNAT_X,
  PPME.SYSCALL_FCHMODAT_X,
  PPME.SYSCALL_MKDIRAT_X,
  PPME.SYSCALL_UNLINKAT_2_X,
  PPME.SYSCALL_MKNODAT_X,
]);

function paramNamed(ev: Event, name: string): number {
  const params = EVENTS[ev.type]?.params ?? [];
  for (let i = 0; i < params.length && i < ev.nparams; i++) if (params[i]!.name === name) return i;
  return -1;
}

/** a string parameter up to its first NUL */
function rawString(ev: Event, name: string): string | undefined {
  const i = paramNamed(ev, name);
  const raw = i < 0 ? undefined : ev.param(i);
  if (!raw) return undefined;
  const nul = raw.indexOf(0);
  return raw.toString('utf8', 0, nul < 0 ? raw.length : nul);
}

function succeeded(ev: Event): boolean {
  const how = SUCCESS.get(ev.type);
  if (how === undefined) return false;
  const i = paramNamed(ev, how === 'fd' ? 'fd' : 'res');
  if (i < 0) return false;
  const v = paramS(ev, i);
  return v !== undefined && (how === 'fd' ? v !== -1 : v === 0);
}

/**
 * The current libs' path normalisation (copy_and_normalize_path): '.' and '..' count only
 * as whole components, repeated separators fold, a trailing one goes.
 */
export function normalizeJoin(base: string, path: string): string {
  const relative = path.length !== 0 && path[0] !== '/';
  const out: string[] = relative ? [...base] : [];
  const emptyBase = out.length === 0;
  const at = (i: number): string => (i < path.length ? path[i]! : '\0');
  let pc = 0;
  const rewind = (delta: number): void => {
    if (out.length > 1) {
      out.pop();
      while (out.length >= 1 && out[out.length - 1] !== '/') out.pop();
    }
    pc += delta;
  };
  for (;;) {
    const c = at(pc);
    if (c === '\0') {
      if (out.length > 1 && out[out.length - 1] === '/') out.pop();
      return out.join('');
    }
    if (c === '.' && (out.length === 0 || out[out.length - 1] === '/')) {
      if (at(pc + 1) === '.' && at(pc + 2) === '/') rewind(3);
      else if (at(pc + 1) === '.' && at(pc + 2) === '\0') rewind(2);
      else if (at(pc + 1) === '/') pc += 2;
      else if (at(pc + 1) === '\0') pc++;
      else {
        out.push('.');
        pc++;
      }
    } else if (c === '/') {
      if ((out.length > 0 && out[out.length - 1] === '/') || (out.length === 0 && !emptyBase)) pc++;
      else {
        out.push('/');
        pc++;
      }
    } else {
      out.push(c);
      pc++;
    }
  }
}

function bind(f: FieldInfo, arg: string | undefined, ctx: FieldContext): Extractor {
  if (arg !== undefined) throw new FieldError(`unrecognized field ${f.name}[${arg}]`);
  const kind = f.name.slice('fs.path.'.length).replace(/raw$/, '');
  const raw = f.name.endsWith('raw');
  const table = kind === 'name' ? PATH : kind === 'source' ? SOURCE : TARGET;
  const fdName = fdFields.bind(fdFields.fields.find((x) => x.name === 'fd.name')!, undefined, ctx);

  /** the directory a relative path of this event is relative to */
  const baseDir = (ev: Event): string => {
    const t = ev.thread!;
    if (DIRFD_EVENTS.has(ev.type) || (ev.type === PPME.SYSCALL_SYMLINKAT_X && kind === 'source')) {
      const d = ev.fd;
      if (!d || d.type !== FdType.DIRECTORY) return '<UNKNOWN>';
      return d.name === '' || d.name.endsWith('/') ? d.name : d.name + '/';
    }
    if (ev.type === PPME.SYSCALL_SYMLINKAT_X) return '<UNKNOWN>';
    if (ev.type === PPME.SYSCALL_RENAMEAT2_X) {
      if (kind === 'name') return '<UNKNOWN>';
      const dirfd = paramS(ev, paramNamed(ev, kind === 'target' ? 'newdirfd' : 'olddirfd')) ?? 0;
      if (dirfd === PPM.AT_FDCWD) return t.getCwd();
      const d = t.getFd(dirfd);
      return d ? d.name + '/' : '<UNKNOWN>';
    }
    return t.getCwd();
  };

  return new FieldExtractor(f, arg, (ev) => {
    if (!succeeded(ev)) return undefined;
    const src = table.get(ev.type);
    if (src === undefined) return undefined;
    const v = typeof src === 'string' ? rawString(ev, src) : fdName.extract(ev);
    if (typeof v !== 'string') return undefined;
    if (raw) return v;
    if (!ev.thread) return undefined;
    if (v.startsWith('/')) return normalizeJoin('', v);
    if (ev.type === PPME.SYSCALL_OPENAT_2_X || ev.type === PPME.SYSCALL_OPENAT2_X)
      // the parser already made the fd name absolute
      return normalizeJoin('', ev.fd ? ev.fd.name : '<UNKNOWN>');
    return normalizeJoin(baseDir(ev), v);
  });
}

export const fsPathFields: FieldClass = {
  name: 'fs.path',
  shortDesc: '',
  desc: 'The filesystem paths of syscalls that act on paths (unlink, rename, mkdir, chmod...) as well as of those that open files.',
  fields,
  bind,
};
