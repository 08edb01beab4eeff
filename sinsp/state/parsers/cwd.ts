// Working directory and root: chdir/fchdir/getcwd update the process' cwd, chroot its root.
import type { Event } from '../../event/event.js';
import { PPME } from '../../generated/schema.js';
import { resolveContainer } from '../containers.js';
import type { StateEngine } from '../engine.js';
import { concatenatePaths, concatenatePathStr } from '../paths.js';
import { sanitizedCString } from '../sockname.js';
import type { ThreadInfo } from '../thread.js';
import { readBytes, readI64 } from './read.js';
import type { ParserTable } from './index.js';

/** sinsp_threadinfo::set_cwd: resolve against the process' cwd, keep a trailing '/' */
export function setCwd(t: ThreadInfo, resolve: (base: string) => string): void {
  const m = t.getMainThread();
  if (!m) return;
  let cwd = resolve(m.cwd);
  if (cwd.length === 0 || cwd[cwd.length - 1] !== '/') cwd += '/';
  m.cwd = cwd;
}

function parseChdirExit(e: StateEngine, ev: Event): void {
  const t = ev.thread;
  if (!t || readI64(ev, 0) < 0) return;
  const p = readBytes(ev, 1);
  setCwd(t, (base) => concatenatePaths(base, p, p.length));
}

function parseFchdirExit(e: StateEngine, ev: Event): void {
  if (readI64(ev, 0) < 0) return;
  const t = ev.thread;
  const fd = ev.fd;
  if (!fd || !t) return;
  const name = fd.name;
  setCwd(t, (base) => concatenatePathStr(base, name, false));
}

function parseGetcwdExit(e: StateEngine, ev: Event): void {
  if (readI64(ev, 0) < 0) return;
  const t = ev.thread;
  if (!t) return;
  const p = readBytes(ev, 1);
  setCwd(t, (base) => concatenatePaths(base, p, p.length));
}

function parseChrootExit(e: StateEngine, ev: Event): void {
  const t = ev.thread;
  if (readI64(ev, 0) !== 0 || !t) return;
  const p = readBytes(ev, 1);
  const relative = p.length > 0 && p[0] !== 0x2f && !(p[0] === 0x3c && p[1] === 0x4e && p[2] === 0x41 && p[3] === 0x3e);
  t.root = relative ? concatenatePaths(t.getCwd(), p, p.length) : sanitizedCString(p, 0);
  resolveContainer(e.state, t);
}

export function registerCwd(table: ParserTable): void {
  table[PPME.SYSCALL_CHDIR_X] = parseChdirExit;
  table[PPME.SYSCALL_FCHDIR_X] = parseFchdirExit;
  table[PPME.SYSCALL_GETCWD_X] = parseGetcwdExit;
  table[PPME.SYSCALL_CHROOT_X] = parseChrootExit;
}
