// What the container runtime's labels tell about a thread's Kubernetes pod. Runtimes
// driven by the kubelet label every container of a pod with the pod's name, namespace
// and uid, and with the id of the pod's sandbox container (the one holding the pod's own
// labels). libsinsp e5c53d64 reads these before asking an API server, and they are all
// a trace file without -k can give.
import type { State } from '../../state/state.js';
import type { ThreadInfo } from '../../state/thread.js';

export const POD_NAME_LABEL = 'io.kubernetes.pod.name';
export const POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
export const POD_UID_LABEL = 'io.kubernetes.pod.uid';
export const SANDBOX_ID_LABEL = 'io.kubernetes.sandbox.id';

/** containers are known by the first 12 characters of their id */
const SHORT_ID_LENGTH = 12;

/** a container's labels, by key */
export type Labels = ReadonlyMap<string, string>;

/** the labels of the thread's container, when it runs in a known container that has any */
export function containerLabels(state: State, t: ThreadInfo): Labels | undefined {
  if (t.containerId === '') return undefined;
  const c = state.containers.get(t.containerId);
  return c !== undefined && c.labels.size > 0 ? c.labels : undefined;
}

/** the first n bytes of s in UTF-8, as std::string::resize(n) keeps them */
function utf8Prefix(s: string, n: number): string {
  if (s.length <= n && /^[\x00-\x7f]*$/.test(s)) return s;
  const b = Buffer.from(s, 'utf8');
  return b.length <= n ? s : b.subarray(0, n).toString('utf8');
}

/**
 * The labels of the pod's sandbox container, named by a label of one of the pod's
 * containers (by its full id, looked up by its short one), when it is known and has any.
 */
export function sandboxLabels(state: State, labels: Labels): Labels | undefined {
  const id = labels.get(SANDBOX_ID_LABEL);
  if (id === undefined) return undefined;
  const sandbox = state.containers.get(utf8Prefix(id, SHORT_ID_LENGTH));
  return sandbox !== undefined && sandbox.labels.size > 0 ? sandbox.labels : undefined;
}

/** keys of the runtime's own bookkeeping, not labels a user gave the pod */
function isInternalKey(key: string): boolean {
  return key.startsWith('annotation.') || key.startsWith('io.kubernetes.');
}

/** std::map's key order: by the bytes of the UTF-8 text */
function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * A container's labels are fixed once its description is parsed (a new description
 * brings a new map), so each map's text is made once.
 */
const labelsTextCache = new WeakMap<Labels, string>();

/**
 * The pod's labels as libsinsp concatenates a sandbox's labels: in key order, internal
 * keys left out, `key:value` (or `key` alone when the value is empty), joined by ", ".
 */
export function podLabelsText(labels: Labels): string {
  let text = labelsTextCache.get(labels);
  if (text !== undefined) return text;
  const keys = [...labels.keys()].filter((k) => !isInternalKey(k)).sort(compareUtf8);
  text = keys
    .map((k) => {
      const v = labels.get(k)!;
      return v === '' ? k : `${k}:${v}`;
    })
    .join(', ');
  labelsTextCache.set(labels, text);
  return text;
}
