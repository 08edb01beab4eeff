// File opens: open/creat/openat/openat2 exits add a file or directory fd named by the
// path resolved against the cwd or the directory fd.
import type { Event } from '../../event/event.js';
import { PPM, PPME } from '../../generated/schema.js';
import type { StateEngine } from '../engine.js';
import { FdFlag, FdInfo, FdType } from '../fd.js';
import { concatenatePaths } from '../paths.js';
import { dirfdBase } from './process.js';
import { readBytes, readI64, readStr, readU } from './read.js';
import type { ParserTable } from './index.js';

/** libsinsp's USER_EVT_DEVICE_NAME: writes to it may be tracer events */
export const TRACER_DEVICE = '/dev/null';

function isNullName(p: Uint8Array): boolean {
  // "(NULL)" as libsinsp's strcmp sees it (up to the first NUL)
  const s = '(NULL)';
  for (let i = 0; i < s.length; i++) if (p[i] !== s.charCodeAt(i)) return false;
  return p.length === s.length || p[s.length] === 0;
}

/** sinsp_parser::parse_open_openat_creat_exit */
function parseOpenExit(e: StateEngine, ev: Event): void {
  const t = ev.thread;
  if (!t) return;
  const type = ev.type;
  const retrieved = e.retrieveEnter(ev);
  const enter = e.enterEv;
  const fd = readI64(ev, 0);
  const np = e.numParams(ev);
  let name: Uint8Array;
  let flags: number;
  let dev = 0;
  let sdir: string;

  if (type === PPME.SYSCALL_OPEN_X || type === PPME.SYSCALL_CREAT_X) {
    const isOpen = type === PPME.SYSCALL_OPEN_X;
    name = readBytes(ev, 1);
    flags = isOpen ? readU(ev, 2) : 0;
    if (isOpen ? np > 4 : np > 3) dev = readU(ev, isOpen ? 4 : 3);
    if (retrieved && e.numParams(enter) >= (isOpen ? 2 : 1)) {
      const en = readBytes(enter, 0);
      if (en.length !== 0 && !isNullName(en)) {
        name = en;
        flags = isOpen ? readU(enter, 1) : 0;
      }
    }
    sdir = t.getCwd();
  } else if (type === PPME.SYSCALL_OPENAT_X) {
    // the old openat exit has no parameters of its own: libsinsp reads whatever enter
    // event it last retrieved, even when this one's could not be
    if (!e.enterLoaded) return;
    name = readBytes(enter, 1);
    flags = readU(enter, 2);
    const dirfd = readI64(enter, 0);
    sdir = dirfdBase(t, name, dirfd, (f) => (ev.fd = f));
  } else {
    name = readBytes(ev, 2);
    flags = readU(ev, 3);
    let dirfd = readI64(ev, 1);
    if (type === PPME.SYSCALL_OPENAT_2_X && np > 5) dev = readU(ev, 5);
    if (retrieved && e.numParams(enter) >= 3) {
      const en = readBytes(enter, 1);
      if (en.length !== 0 && !isNullName(en)) {
        name = en;
        flags = readU(enter, 2);
        dirfd = readI64(enter, 0);
      }
    }
    sdir = dirfdBase(t, name, dirfd, (f) => (ev.fd = f));
  }

  const fullpath = concatenatePaths(sdir, name, name.length);
  if (fd >= 0) {
    const fdi = new FdInfo();
    fdi.type = flags & PPM.O_DIRECTORY ? FdType.DIRECTORY : FdType.FILE_V2;
    fdi.openFlags = flags >>> 0;
    fdi.mountId = 0;
    fdi.dev = dev >>> 0;
    fdi.name = fullpath;
    fdi.flags |= fullpath === TRACER_DEVICE ? FdFlag.IS_TRACER_FILE : FdFlag.IS_NOT_TRACER_FD;
    ev.fd = e.addFd(t, fd, fdi, true);
  }
}

/** open_by_handle_at (newer than sysdig 0.29.3): the exit carries the resolved path */
function parseOpenByHandleAtExit(e: StateEngine, ev: Event): void {
  const t = ev.thread;
  if (!t) return;
  const fd = readI64(ev, 0);
  if (fd < 0) return;
  const fdi = new FdInfo();
  const flags = readU(ev, 2);
  fdi.type = flags & PPM.O_DIRECTORY ? FdType.DIRECTORY : FdType.FILE_V2;
  fdi.openFlags = flags >>> 0;
  fdi.name = readStr(ev, 3);
  fdi.flags |= fdi.name === TRACER_DEVICE ? FdFlag.IS_TRACER_FILE : FdFlag.IS_NOT_TRACER_FD;
  ev.fd = e.addFd(t, fd, fdi, true);
}

export function registerFiles(table: ParserTable): void {
  for (const type of [
    PPME.SYSCALL_OPEN_X,
    PPME.SYSCALL_CREAT_X,
    PPME.SYSCALL_OPENAT_X,
    PPME.SYSCALL_OPENAT_2_X,
    PPME.SYSCALL_OPENAT2_X,
  ]) {
    table[type] = parseOpenExit;
  }
  table[PPME.SYSCALL_OPEN_BY_HANDLE_AT_X] = parseOpenByHandleAtExit;
}
