// Cgroup lists as libsinsp keeps them (sinsp_threadinfo::set_cgroups).

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

interface CachedList {
  raw: Buffer;
  list: CgroupList;
}

/** parsed lists by a hash of their raw parameter bytes: a trace repeats a few */
const parsedByHash = new Map<number, CachedList[]>();
let cachedCount = 0;
const MAX_CACHED = 1024;

/** a cheap hash of buf[start, end): the length and every 7th byte (lists differ in many places) */
function sampleHash(buf: Buffer, start: number, end: number): number {
  let h = (end - start) | 0;
  for (let i = start; i < end; i += 7) h = Math.imul(h ^ buf[i]!, 16777619);
  return h;
}

/**
 * parseCgroups of the NUL-separated list in buf[start, end), shared between threads with
 * the same bytes (a list is never modified in place: threads replace theirs). Clone and
 * execve exits carry the list; most processes of a trace have one of a handful. The
 * lookup compares bytes: no string is made for a list seen before.
 */
export function parseCgroupsParam(buf: Buffer, start: number, end: number): CgroupList {
  if (start >= end) return [];
  const h = sampleHash(buf, start, end);
  let bucket = parsedByHash.get(h);
  if (bucket !== undefined) {
    for (const c of bucket) {
      if (c.raw.length === end - start && buf.compare(c.raw, 0, c.raw.length, start, end) === 0) return c.list;
    }
  }
  const entries: string[] = [];
  let s = start;
  while (s < end) {
    let p = s;
    while (p < end && buf[p] !== 0) p++;
    entries.push(buf.toString('utf8', s, p));
    s = p + 1;
  }
  const list = parseCgroups(entries);
  if (cachedCount >= MAX_CACHED) {
    parsedByHash.clear();
    cachedCount = 0;
    bucket = undefined;
  }
  if (bucket === undefined) {
    bucket = [];
    parsedByHash.set(h, bucket);
  }
  bucket.push({ raw: Buffer.from(buf.subarray(start, end)), list });
  cachedCount++;
  return list;
}
