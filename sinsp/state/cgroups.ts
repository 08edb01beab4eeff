// Cgroup lists as libsinsp keeps them (sinsp_threadinfo::set_cgroups).
import { BytesMemo } from './bytes-memo.js';
import { splitNulList } from './parsers/read.js';

/**
 * Split "subsys=path" entries (NUL separated, as in clone/execve events and proc lists).
 * The subsystem is what comes before the last '='; libsinsp renames a few of them.
 */
export function parseCgroups(entries: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const e of entries) {
    const sep = e.lastIndexOf('=');
    if (sep < 0) break;
    let subsys = e.slice(0, sep);
    const path = e.slice(sep + 1);
    const k = subsys.indexOf('_cgroup');
    if (k >= 0) subsys = subsys.slice(0, k) + subsys.slice(k + '_cgroup'.length);
    if (subsys === 'perf') subsys = 'perf_event';
    else if (subsys === 'mem') subsys = 'memory';
    else if (subsys === 'io') subsys = 'blkio';
    out.push([subsys, path]);
  }
  return out;
}

type CgroupList = Array<[string, string]>;

const parsedLists = new BytesMemo((buf, start, end) => parseCgroups(splitNulList(buf, start, end)));

/**
 * parseCgroups of the NUL-separated list in buf[start, end), shared between threads with
 * the same bytes (a list is never modified in place: threads replace theirs). Clone and
 * execve exits carry the list; most processes of a trace have one of a handful. The
 * lookup compares bytes: no string is made for a list seen before.
 */
export function parseCgroupsParam(buf: Buffer, start: number, end: number): CgroupList {
  if (start >= end) return [];
  return parsedLists.get(buf, start, end);
}
