// One renderer per parameter type: the text sysdig prints for a parameter value and,
// when it has one, the "resolved" text it prints in parentheses after it (an fd's
// name, a flag's names, an errno name, a pid's command...). This is libsinsp's
// sinsp_evt::get_param_as_str(), type by type.
import type { Event } from '../event/event.js';
import type { State } from '../state/state.js';
import type { ParamInfo } from '../generated/schema.js';
import { DYN_PARAM_TABLES, PT, SIGNAL_NAMES, SYSCALL_CODE_NAMES } from '../generated/schema.js';
import { renderBytes } from './buffers.js';
import { errnoName } from './errno.js';
import { AT_FDCWD, fdResolved } from './fd.js';
import { renderFdList } from './fdlist.js';
import { flagTable, resolveFlags } from './flags.js';
import { formatG } from './gformat.js';
import { ipv4Text, ipv6Text } from './inet.js';
import { formatInt32, formatInt64, int64Dec, readSmallInt, readWord64, uint64Dec, word64 } from './numbers.js';
import { resolveRelativePath, sanitizedPath } from './paths.js';
import { renderSockAddr, renderSockTuple } from './sockets.js';
import { cString, sanitizeString } from './text.js';

/** What a parameter renderer needs besides the event. */
export interface RenderContext {
  /** threads (pid -> comm), users and groups; may be absent in isolated uses */
  readonly state: State | undefined;
  /** sysdig's param_fmt for byte buffers (a BufFmt value) */
  readonly fmt: number;
  /** longest buffer text in the default mode (80 without -v), 0 for no limit */
  readonly maxLen: number;
}

/** A rendered parameter: its value text, and the text sysdig puts in parentheses ('' for none). */
export interface ParamOut {
  value: string;
  resolved: string;
}

/** Renders the parameter whose bytes are ev.buf[off, off+len). */
export type ParamRenderer = (ev: Event, off: number, len: number, ctx: RenderContext, out: ParamOut) => void;

const TWO32 = 4294967296;

/**
 * The value text of the last parameter rendered. sysdig prints a poll fd list of an
 * event without thread as whatever its text buffer held before; this keeps that.
 */
let lastValue = '';
export function noteRendered(value: string): void {
  lastValue = value;
}

function signedRenderer(width: number, fmt: number): ParamRenderer {
  if (width === 8)
    return (ev, off, len, _ctx, out) => {
      readWord64(ev.buf, off, len, true);
      out.value = formatInt64(word64.hi, word64.lo, fmt);
      out.resolved = '';
    };
  return (ev, off, len, _ctx, out) => {
    out.value = formatInt32(readSmallInt(ev.buf, off, len, width, true), fmt);
    out.resolved = '';
  };
}

function unsignedRenderer(width: number, fmt: number): ParamRenderer {
  if (width === 8)
    return (ev, off, len, _ctx, out) => {
      readWord64(ev.buf, off, len, false);
      out.value = formatInt64(word64.hi, word64.lo, fmt);
      out.resolved = '';
    };
  return (ev, off, len, _ctx, out) => {
    out.value = formatInt32(readSmallInt(ev.buf, off, len, width, false), fmt);
    out.resolved = '';
  };
}

function fdRenderer(width: number): ParamRenderer {
  return (ev, off, len, _ctx, out) => {
    let fd: number;
    if (width === 8) {
      readWord64(ev.buf, off, len, true);
      out.value = int64Dec(word64.hi, word64.lo);
      fd = word64.hi * TWO32 + word64.lo;
    } else {
      fd = readSmallInt(ev.buf, off, len, 4, true);
      out.value = String(fd);
    }
    out.resolved = fdResolved(ev, fd);
  };
}

function pidRenderer(width: number): ParamRenderer {
  return (ev, off, len, ctx, out) => {
    let pid: number;
    if (width === 8) {
      readWord64(ev.buf, off, len, true);
      out.value = int64Dec(word64.hi, word64.lo);
      pid = word64.hi * TWO32 + word64.lo;
    } else {
      pid = readSmallInt(ev.buf, off, len, 4, true);
      out.value = String(pid);
    }
    const t = ctx.state?.threads.get(pid);
    out.resolved = t === undefined ? '' : t.comm;
  };
}

const errnoRenderer: ParamRenderer = (ev, off, len, _ctx, out) => {
  readWord64(ev.buf, off, len, true);
  const { hi, lo } = word64;
  out.value = int64Dec(hi, lo);
  out.resolved = hi < 0 ? errnoName(lo | 0) : '';
};

function flagsRenderer(width: number, tableName: string | undefined): ParamRenderer {
  const table = flagTable(tableName);
  return (ev, off, len, _ctx, out) => {
    const v = readSmallInt(ev.buf, off, len, width, false) >>> 0;
    out.value = String(v);
    out.resolved = table === undefined ? '' : resolveFlags(v, table);
  };
}

function modeRenderer(fmt: number, tableName: string | undefined): ParamRenderer {
  const table = flagTable(tableName);
  return (ev, off, len, _ctx, out) => {
    const v = readSmallInt(ev.buf, off, len, 4, false) >>> 0;
    out.value = formatInt32(v, fmt);
    out.resolved = table === undefined ? '' : resolveFlags(v, table);
  };
}

function idRenderer(kind: 'user' | 'group'): ParamRenderer {
  return (ev, off, len, ctx, out) => {
    const v = readSmallInt(ev.buf, off, len, 4, false) >>> 0;
    if (v === 0xffffffff) {
      out.value = '-1';
      out.resolved = '<NONE>';
      return;
    }
    out.value = String(v | 0);
    const state = ctx.state;
    const info = kind === 'user' ? state?.users.get(v) : state?.groups.get(v);
    out.resolved = info === undefined ? '<NA>' : sanitizeString(info.name);
  };
}

const charbufRenderer: ParamRenderer = (ev, off, len, _ctx, out) => {
  out.value = cString(ev.buf, off, off + len);
  out.resolved = '';
};

const bytebufRenderer: ParamRenderer = (ev, off, len, ctx, out) => {
  out.value = renderBytes(ev.buf, off, len, ctx.fmt, ctx.maxLen);
  out.resolved = '';
};

/** The directory a relative path of `ev` is resolved against (libsinsp's get_base_dir). */
function baseDir(ev: Event, dirfdIndex: number | undefined): string {
  const thread = ev.thread!;
  const cwd = thread.getCwd();
  if (dirfdIndex === undefined || dirfdIndex >= ev.nparams) return cwd;
  readWord64(ev.buf, ev.paramOffset(dirfdIndex), ev.paramLength(dirfdIndex), true);
  const dirfd = word64.hi * TWO32 + word64.lo;
  if (dirfd === AT_FDCWD) return cwd;
  const dir = thread.getFd(dirfd);
  // sysdig would ask /proc of the capturing machine, which a trace reader cannot do
  if (dir === undefined || dir.name === '') return '';
  return sanitizeString(dir.name) + '/';
}

function pathRenderer(dirfdIndex: number | undefined): ParamRenderer {
  return (ev, off, len, _ctx, out) => {
    out.value = sanitizedPath(ev.buf, off, off + len);
    out.resolved = '';
    if (ev.thread === undefined || len === 0) return;
    const b = ev.buf;
    if (len >= 4 && b[off] === 0x3c && b[off + 1] === 0x4e && b[off + 2] === 0x41 && b[off + 3] === 0x3e) return; // <NA>
    out.resolved = resolveRelativePath(baseDir(ev, dirfdIndex), b, off, off + len) ?? '';
  };
}

const sockaddrRenderer: ParamRenderer = (ev, off, len, _ctx, out) => {
  out.value = renderSockAddr(ev.buf, off, len);
  out.resolved = '';
};

const socktupleRenderer: ParamRenderer = (ev, off, len, _ctx, out) => {
  out.value = renderSockTuple(ev.buf, off, len);
  out.resolved = '';
};

const fdlistRenderer: ParamRenderer = (ev, off, len, _ctx, out) => {
  out.value = ev.thread === undefined ? lastValue : renderFdList(ev, ev.buf, off, len);
  out.resolved = '';
};

const syscallIdRenderer: ParamRenderer = (ev, off, len, _ctx, out) => {
  const id = readSmallInt(ev.buf, off, len, 2, false);
  if (id >= SYSCALL_CODE_NAMES.length) {
    out.value = '<unknown syscall>';
    out.resolved = '';
    return;
  }
  out.value = String(id);
  out.resolved = SYSCALL_CODE_NAMES[id]!;
};

const sigtypeRenderer: ParamRenderer = (ev, off, len, _ctx, out) => {
  const sig = readSmallInt(ev.buf, off, len, 1, false);
  out.value = String(sig);
  out.resolved = SIGNAL_NAMES[sig] ?? '';
};

const sigsetRenderer: ParamRenderer = (ev, off, len, _ctx, out) => {
  const set = readSmallInt(ev.buf, off, len, 4, false) >>> 0;
  let text = '';
  for (let sig = 0; sig < 32; sig++) {
    if (((set >>> sig) & 1) === 0) continue;
    const name = SIGNAL_NAMES[sig + 1];
    if (name === undefined) continue;
    text = text === '' ? name : text + ' ' + name;
  }
  out.value = text;
  out.resolved = '';
};

const reltimeRenderer: ParamRenderer = (ev, off, len, _ctx, out) => {
  readWord64(ev.buf, off, len, false);
  const { hi, lo } = word64;
  if (hi === -1 && lo === 0xffffffff) {
    out.value = 'none';
    out.resolved = '';
    return;
  }
  out.value = uint64Dec(hi, lo);
  out.resolved = formatG(((hi >>> 0) * TWO32 + lo) / 1e9) + 's';
};

/** NUL-separated strings of b[off, off+len). */
function stringList(b: Buffer, off: number, len: number): string[] {
  const out: string[] = [];
  let start = off;
  const end = off + len;
  for (let p = off; p < end; p++) {
    if (b[p] === 0) {
      out.push(b.toString('utf8', start, p));
      start = p + 1;
    }
  }
  if (start < end) out.push(b.toString('utf8', start, end));
  return out;
}

const charbufArrayRenderer: ParamRenderer = (ev, off, len, _ctx, out) => {
  out.value = stringList(ev.buf, off, len).join('.');
  out.resolved = '';
};

const charbufPairArrayRenderer: ParamRenderer = (ev, off, len, _ctx, out) => {
  const items = stringList(ev.buf, off, len);
  let text = '';
  for (let k = 0; k + 1 < items.length; k += 2) text += (k > 0 ? ',' : '') + items[k] + ':' + items[k + 1];
  out.value = text;
  out.resolved = '';
};

function constantRenderer(text: string): ParamRenderer {
  return (_ev, _off, _len, _ctx, out) => {
    out.value = text;
    out.resolved = '';
  };
}

/** Types sysdig 0.29.3 has no text for, rendered for the newer events that use them. */
function modernRenderer(type: number, fmt: number): ParamRenderer | undefined {
  switch (type) {
    case PT.PORT:
      return (ev, off, len, _ctx, out) => {
        out.value = String(readSmallInt(ev.buf, off, len, 2, false));
        out.resolved = '';
      };
    case PT.IPV4ADDR:
      return (ev, off, len, _ctx, out) => {
        out.value = len >= 4 ? ipv4Text(ev.buf, off) : '';
        out.resolved = '';
      };
    case PT.IPV6ADDR:
      return (ev, off, len, _ctx, out) => {
        out.value = len >= 16 ? ipv6Text(ev.buf, off) : '';
        out.resolved = '';
      };
    case PT.ABSTIME:
      return unsignedRenderer(8, fmt);
    case PT.BOOL:
      return (ev, off, len, _ctx, out) => {
        out.value = readSmallInt(ev.buf, off, len, 4, false) !== 0 ? 'true' : 'false';
        out.resolved = '';
      };
    default:
      return undefined;
  }
}

/**
 * The renderer of a parameter of type `type`. `fmt` is the print format (for PT_DYN
 * values, the outer parameter's), `table` the flag table, `dirfd` the index of the
 * directory fd of an FSRELPATH. With `modern`, types that sysdig 0.29.3 cannot print
 * (they only occur in events it did not know) get a sensible text.
 */
export function rendererForType(
  type: number,
  fmt: number,
  table: string | undefined,
  dirfd: number | undefined,
  modern: boolean,
): ParamRenderer {
  switch (type) {
    case PT.INT8:
      return signedRenderer(1, fmt);
    case PT.INT16:
      return signedRenderer(2, fmt);
    case PT.INT32:
      return signedRenderer(4, fmt);
    case PT.INT64:
      return signedRenderer(8, fmt);
    case PT.UINT8:
      return unsignedRenderer(1, fmt);
    case PT.UINT16:
      return unsignedRenderer(2, fmt);
    case PT.UINT32:
      return unsignedRenderer(4, fmt);
    case PT.UINT64:
      // printed through an int64_t, like every 64-bit number
      return signedRenderer(8, fmt);
    case PT.FD:
      return fdRenderer(8);
    case PT.FD32:
      return fdRenderer(4);
    case PT.PID:
      return pidRenderer(8);
    case PT.PID32:
      return pidRenderer(4);
    case PT.ERRNO:
      return errnoRenderer;
    case PT.CHARBUF:
      return charbufRenderer;
    case PT.FSPATH:
      return pathRenderer(undefined);
    case PT.FSRELPATH:
      return pathRenderer(dirfd);
    case PT.BYTEBUF:
      return bytebufRenderer;
    case PT.SOCKADDR:
      return sockaddrRenderer;
    case PT.SOCKTUPLE:
      return socktupleRenderer;
    case PT.FDLIST:
      return fdlistRenderer;
    case PT.SYSCALLID:
      return syscallIdRenderer;
    case PT.SIGTYPE:
      return sigtypeRenderer;
    case PT.RELTIME:
      return reltimeRenderer;
    case PT.FLAGS8:
    case PT.ENUMFLAGS8:
      return flagsRenderer(1, table);
    case PT.FLAGS16:
    case PT.ENUMFLAGS16:
      return flagsRenderer(2, table);
    case PT.FLAGS32:
    case PT.ENUMFLAGS32:
      return flagsRenderer(4, table);
    case PT.MODE:
      return modeRenderer(fmt, table);
    case PT.UID:
      return idRenderer('user');
    case PT.GID:
      return idRenderer('group');
    case PT.SIGSET:
      return sigsetRenderer;
    case PT.CHARBUFARRAY:
      return charbufArrayRenderer;
    case PT.CHARBUF_PAIR_ARRAY:
      return charbufPairArrayRenderer;
    case PT.DYN:
      return constantRenderer('INVALID DYNAMIC PARAMETER');
    default: {
      const m = modern ? modernRenderer(type, fmt) : undefined;
      if (m) return m;
      // sysdig's get_param_as_str() falls through from PT_ABSTIME into PT_DYN
      return constantRenderer(type === PT.ABSTIME ? 'INVALID DYNAMIC PARAMETER' : '(n.a.)');
    }
  }
}

/**
 * A PT_DYN parameter: the first byte picks the real type in the parameter's dynamic
 * table; the print format stays the outer parameter's.
 */
function dynRenderer(p: ParamInfo, modern: boolean): ParamRenderer {
  const entries = p.table === undefined ? undefined : DYN_PARAM_TABLES[p.table];
  if (!entries || entries.length === 0) return constantRenderer('INVALID DYNAMIC PARAMETER');
  const inner = entries.map((e) => rendererForType(e.type, p.fmt, undefined, undefined, modern));
  const invalid = constantRenderer('INVALID DYNAMIC PARAMETER');
  return (ev, off, len, ctx, out) => {
    if (len === 0) return invalid(ev, off, len, ctx, out);
    const idx = ev.buf[off]!;
    if (idx >= inner.length) return invalid(ev, off, len, ctx, out);
    inner[idx]!(ev, off + 1, len - 1, ctx, out);
  };
}

/** The renderer of parameter `p` of an event type (`modern`: a type newer than sysdig 0.29.3). */
export function paramRenderer(p: ParamInfo, modern: boolean): ParamRenderer {
  if (p.type === PT.DYN) return dynRenderer(p, modern);
  return rendererForType(p.type, p.fmt, p.table, p.dirfd, modern);
}
