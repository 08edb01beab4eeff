// Containers as libsinsp knows them when reading a file: ids found in thread cgroups
// (the container engines' cgroup patterns; nothing is asked of a runtime) and the
// container JSON events the capture carries.
import { ContainerLookup, ContainerType, newContainerInfo, type ContainerInfo, type State } from './state.js';
import { ThreadCategory, ThreadInfo } from './thread.js';

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/**
 * libsinsp's runc match: the cgroup ends with <prefix><64 hex chars><suffix>; the id is
 * the first 12 characters. (libsinsp's check for stray characters compares an absolute
 * position with 64; kept as is.)
 */
function matchOneContainerId(cgroup: string, prefix: string, suffix: string): string | undefined {
  let start = cgroup.lastIndexOf(prefix);
  if (start < 0) return undefined;
  start += prefix.length;
  const end = suffix === '' ? cgroup.length : cgroup.lastIndexOf(suffix);
  if (end < 0 || end - start !== 64) return undefined;
  let bad = -1;
  for (let i = start; i < cgroup.length; i++) {
    if (!isHex(cgroup.charCodeAt(i))) {
      bad = i;
      break;
    }
  }
  if (bad >= 0 && bad < 64) return undefined;
  return cgroup.slice(start, start + 12);
}

function matchRunc(t: ThreadInfo, layout: Array<[string, string]>): string | undefined {
  for (const [, cg] of t.cgroups) {
    for (const [p, s] of layout) {
      const id = matchOneContainerId(cg, p, s);
      if (id !== undefined) return id;
    }
  }
  return undefined;
}

const DOCKER_LAYOUT: Array<[string, string]> = [
  ['/', ''],
  ['/docker-', '.scope'],
];
const PODMAN_LAYOUT: Array<[string, string]> = [['/libpod-', '.scope']];
const CRI_LAYOUT: Array<[string, string]> = [
  ['/', ''],
  ['/crio-', ''],
  ['/cri-containerd-', '.scope'],
  ['/crio-', '.scope'],
  [':cri-containerd:', ''],
];

/** sinsp_container_manager::add_container (notify_new_container when reading a file) */
export function addContainer(state: State, c: ContainerInfo): void {
  state.containerLookups.set(c.id, c.lookupState);
  state.containers.set(c.id, c);
}

function shouldLookup(state: State, id: string): boolean {
  return !state.containerLookups.has(id);
}

/** docker and podman: a known container resolves if its lookup succeeded; an unknown one is added bare */
function resolveDockerLike(state: State, t: ThreadInfo, id: string, typeId: number): boolean {
  t.containerId = id;
  const c = state.containers.get(id);
  if (c === undefined) {
    addContainer(state, newContainerInfo(id, typeId));
    return true;
  }
  return c.lookupState === ContainerLookup.SUCCESSFUL;
}

function resolveNamed(state: State, t: ThreadInfo, id: string, typeId: number): boolean {
  t.containerId = id;
  if (shouldLookup(state, id)) {
    const c = newContainerInfo(id, typeId);
    c.name = id;
    addContainer(state, c);
  }
  return true;
}

function lxcId(t: ThreadInfo): string | undefined {
  for (const [, cg] of t.cgroups) {
    for (const marker of ['/lxc/', '/lxc.payload/']) {
      const pos = cg.indexOf(marker);
      if (pos >= 0) {
        const s = pos + marker.length;
        const e = cg.indexOf('/', s);
        return e < 0 ? cg.slice(s) : cg.slice(s, e);
      }
    }
  }
  return undefined;
}

function libvirtLxcId(t: ThreadInfo): string | undefined {
  for (const [, cg] of t.cgroups) {
    let pos = cg.indexOf('.libvirt-lxc');
    if (pos >= 0 && pos === cg.length - '.libvirt-lxc'.length) {
      const p2 = cg.lastIndexOf('/');
      if (p2 >= 0) return cg.slice(p2 + 1, pos);
    }
    pos = cg.indexOf('-lxc\\x2');
    if (pos >= 0) {
      const p2 = cg.indexOf('.scope');
      if (p2 >= 0 && p2 === cg.length - '.scope'.length) {
        const s = pos + '-lxc\\x2'.length + 1;
        return cg.slice(s, s + (p2 - pos - '-lxc\\x2'.length - 1));
      }
    }
    pos = cg.indexOf('/libvirt/lxc/');
    if (pos >= 0) return cg.slice(pos + '/libvirt/lxc/'.length);
  }
  return undefined;
}

function envValue(t: ThreadInfo, name: string): string {
  for (const v of t.getEnv()) {
    if (v.length > name.length + 1 && v[name.length] === '=' && v.startsWith(name)) {
      const rest = v.slice(name.length + 1);
      const first = rest.search(/[^ ]/);
      if (first < 0) return '';
      return rest.slice(first).replace(/ +$/, '');
    }
  }
  return '';
}

function mesosTaskId(t: ThreadInfo): string {
  const probe = (p: ThreadInfo): string =>
    envValue(p, 'MESOS_TASK_ID') || envValue(p, 'mesos_task_id') || envValue(p, 'MESOS_EXECUTOR_ID');
  let id = probe(t);
  if (id !== '') return id;
  const seen = new Set<ThreadInfo>();
  for (let p = t.getParent(); p && p.tid !== -1 && !seen.has(p); p = p.getParent()) {
    seen.add(p);
    id = probe(p);
    if (id !== '') return id;
  }
  return '';
}

function mesosId(t: ThreadInfo): string | undefined {
  for (const [, cg] of t.cgroups) {
    const pos = cg.indexOf('/mesos/');
    if (pos < 0) continue;
    const id = cg.slice(pos + '/mesos/'.length);
    if (id.length === 36 && /^[0-9a-fA-F-]+$/.test(id)) return mesosTaskId(t) !== '' ? id : undefined;
  }
  return undefined;
}

function bpmId(t: ThreadInfo): string | undefined {
  for (const [, cg] of t.cgroups) {
    const pos = cg.indexOf('bpm-');
    if (pos < 0) continue;
    const s = pos + 4;
    const e = cg.indexOf('.scope', s);
    const id = e < 0 ? cg.slice(s) : cg.slice(s, e);
    if (id !== '' && /^[A-Za-z0-9._-]+$/.test(id)) return id;
  }
  return undefined;
}

/** what the engines' cgroup patterns find in one cgroups list (a function of the list alone) */
interface CgroupIds {
  podman: string | undefined;
  docker: string | undefined;
  cri: string | undefined;
  lxc: string | undefined;
  libvirtLxc: string | undefined;
  bpm: string | undefined;
  /** the list can name a mesos container (which one depends on the environment) */
  mesos: boolean;
}

/** by list: threads share lists (see parseCgroupsParam), so most lookups are hits */
const idsByList = new WeakMap<Array<[string, string]>, CgroupIds>();

function cgroupIds(t: ThreadInfo): CgroupIds {
  let ids = idsByList.get(t.cgroups);
  if (ids === undefined) {
    ids = {
      podman: matchRunc(t, PODMAN_LAYOUT),
      docker: matchRunc(t, DOCKER_LAYOUT),
      cri: matchRunc(t, CRI_LAYOUT),
      lxc: lxcId(t),
      libvirtLxc: libvirtLxcId(t),
      bpm: bpmId(t),
      mesos: t.cgroups.some(([, cg]) => cg.includes('/mesos/')),
    };
    idsByList.set(t.cgroups, ids);
  }
  return ids;
}

/**
 * sinsp_container_manager::resolve_container for a file capture: the engines in
 * libsinsp's order (podman, docker, cri, lxc, libvirt-lxc, mesos, bpm), the first
 * match wins; then the thread's category.
 */
export function resolveContainer(state: State, t: ThreadInfo): boolean {
  t.containerId = '';
  const ids = cgroupIds(t);
  let matched = false;
  let id = ids.podman;
  if (id !== undefined) matched = resolveDockerLike(state, t, id, ContainerType.PODMAN);
  if (!matched) {
    id = ids.docker;
    if (id !== undefined) matched = resolveDockerLike(state, t, id, ContainerType.DOCKER);
  }
  if (!matched) {
    // without a CRI socket libsinsp only records the id and lets the other engines try
    id = ids.cri;
    if (id !== undefined) t.containerId = id;
  }
  if (!matched && (id = ids.lxc) !== undefined) matched = resolveNamed(state, t, id, ContainerType.LXC);
  if (!matched && (id = ids.libvirtLxc) !== undefined) matched = resolveNamed(state, t, id, ContainerType.LIBVIRT_LXC);
  if (!matched && ids.mesos && (id = mesosId(t)) !== undefined) matched = resolveNamed(state, t, id, ContainerType.MESOS);
  if (!matched && (id = ids.bpm) !== undefined) matched = resolveNamed(state, t, id, ContainerType.BPM);
  identifyCategory(state, t);
  return matched;
}

/** sinsp_container_manager::identify_category (health probes of the container's metadata) */
function identifyCategory(state: State, t: ThreadInfo): void {
  if (t.containerId === '') return;
  if (t.vpid === 1) {
    t.category = ThreadCategory.CONTAINER;
    return;
  }
  const parent = t.getParent();
  if (parent && parent.category !== ThreadCategory.NONE) {
    t.category = parent.category;
    return;
  }
  const c = state.containers.get(t.containerId);
  if (!c || c.lookupState !== ContainerLookup.SUCCESSFUL) return;
  const probe = c.probes.find((p) => p.exe === t.exe && sameArgs(p.args, t.args));
  if (!probe) return;
  const seen = new Set<ThreadInfo>();
  for (let p = t.getParent(); p && p.tid !== -1 && !seen.has(p); p = p.getParent()) {
    seen.add(p);
    if (p.vpid === 1 && p.containerId !== '') return;
  }
  t.category =
    probe.kind === 'healthcheck'
      ? ThreadCategory.HEALTHCHECK
      : probe.kind === 'liveness_probe'
        ? ThreadCategory.LIVENESS_PROBE
        : ThreadCategory.READINESS_PROBE;
}

function sameArgs(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

type Json = Record<string, unknown>;

function str(o: Json, k: string): string | undefined {
  const v = o[k];
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}
function num(o: Json, k: string): number | undefined {
  const v = o[k];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return undefined;
}
function bool(o: Json, k: string): boolean | undefined {
  const v = o[k];
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return undefined;
}

/** health probes from the container JSON ("Healthcheck", "LivenessProbe", "ReadinessProbe": {exe, args}) */
function parseProbes(c: Json): ContainerInfo['probes'] {
  const out: ContainerInfo['probes'] = [];
  const kinds: Array<[string, string]> = [
    ['Healthcheck', 'healthcheck'],
    ['LivenessProbe', 'liveness_probe'],
    ['ReadinessProbe', 'readiness_probe'],
  ];
  for (const [key, kind] of kinds) {
    const p = c[key];
    if (!p || typeof p !== 'object') continue;
    const exe = (p as Json)['exe'];
    if (typeof exe !== 'string') continue;
    const args = (p as Json)['args'];
    out.push({ kind, exe, args: Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : [] });
  }
  return out;
}

/**
 * sinsp_parser::parse_container_json_evt for a file: the container described by the
 * JSON (a "STARTED" lookup in a file becomes FAILED). Throws on invalid JSON, as
 * libsinsp does.
 */
export function containerFromJson(json: string): ContainerInfo {
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch {
    throw new Error(`invalid JSON encountered while parsing container info: ${json}`);
  }
  const c = ((root as Json)?.['container'] ?? {}) as Json;
  const info = newContainerInfo(str(c, 'id') ?? '', num(c, 'type') ?? ContainerType.DOCKER);
  info.json = json;
  info.fullId = str(c, 'full_id') ?? '';
  info.name = str(c, 'name') ?? '';
  info.isPodSandbox = bool(c, 'is_pod_sandbox') ?? false;
  info.image = str(c, 'image') ?? '';
  info.imageId = str(c, 'imageid') ?? '';
  info.imageRepo = str(c, 'imagerepo') ?? '';
  info.imageTag = str(c, 'imagetag') ?? '';
  info.imageDigest = str(c, 'imagedigest') ?? '';
  const priv = bool(c, 'privileged');
  if (priv !== undefined) info.privileged = priv;
  const ls = num(c, 'lookup_state');
  if (ls !== undefined) {
    info.lookupState = ls === 0 || ls === 1 || ls === 2 ? ls : ContainerLookup.SUCCESSFUL;
    if (info.lookupState === ContainerLookup.STARTED) info.lookupState = ContainerLookup.FAILED;
  }
  info.createdTime = num(c, 'created_time') ?? 0;
  const mounts = c['Mounts'];
  if (Array.isArray(mounts)) {
    for (const m of mounts as Json[]) {
      info.mounts.push({
        source: str(m, 'Source') ?? '',
        dest: str(m, 'Destination') ?? '',
        mode: str(m, 'Mode') ?? '',
        rw: bool(m, 'RW') ?? false,
        propagation: str(m, 'Propagation') ?? '',
      });
    }
  }
  info.probes = parseProbes(c);
  const ip = str(c, 'ip');
  if (ip !== undefined) {
    const parts = ip.split('.').map((x) => Number(x));
    if (parts.length === 4 && parts.every((x) => Number.isInteger(x) && x >= 0 && x < 256)) {
      info.ip = ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
    }
  }
  const labels = c['labels'];
  if (labels && typeof labels === 'object') {
    for (const [k, v] of Object.entries(labels as Json)) info.labels.set(k, typeof v === 'string' ? v : String(v ?? ''));
  }
  const env = c['env'];
  if (Array.isArray(env)) for (const e of env) if (typeof e === 'string') info.env.push(e);
  info.memoryLimit = num(c, 'memory_limit') ?? 0;
  info.swapLimit = num(c, 'swap_limit') ?? 0;
  info.cpuShares = num(c, 'cpu_shares') ?? 1024;
  info.cpuQuota = num(c, 'cpu_quota') ?? 0;
  info.cpuPeriod = num(c, 'cpu_period') ?? 100000;
  info.cpusetCpuCount = num(c, 'cpuset_cpu_count') ?? 0;
  info.mesosTaskId = str(c, 'mesos_task_id') ?? '';
  return info;
}

/** the placeholder thread libsinsp attaches to a container event (sinsp_container_info::get_tinfo) */
export function containerEventThread(c: ContainerInfo): ThreadInfo {
  const t = new ThreadInfo();
  t.tid = -1;
  t.pid = -1;
  t.vtid = -2;
  t.vpid = -2;
  t.comm = 'container:' + c.id;
  t.containerId = c.id;
  return t;
}
