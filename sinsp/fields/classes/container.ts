// container.*: the container the event's thread runs in ('host' when none).
import { PF, PT } from '../../generated/schema.js';
import type { ContainerInfo } from '../../state/state.js';
import type { ThreadInfo } from '../../state/thread.js';
import { FieldError, FieldFlag, type Extractor, type FieldContext, type FieldInfo, type FieldValue } from '../types.js';
import { FieldExtractor } from './extractor.js';
import { fieldNamed } from './field-info.js';
import { globMatch } from './glob.js';
import { parseInt32Arg, parseNameGeneric, syntaxError, type FieldNameMatch, type NamedFieldClass } from './names.js';

const MOUNT_ARG = FieldFlag.ARG_REQUIRED | FieldFlag.ARG_INDEX | FieldFlag.ARG_KEY;

function field(name: string, type: number, desc: string, flags = 0): FieldInfo {
  return { name, type, fmt: PF.NA, desc, flags };
}

const fields: FieldInfo[] = [
  field('container.id', PT.CHARBUF, "id of the container ('host' outside containers)."),
  field('container.name', PT.CHARBUF, "name of the container ('host' outside containers)."),
  field('container.image', PT.CHARBUF, 'image the container runs, as named when it was started (repository:tag).'),
  field('container.image.id', PT.CHARBUF, 'id of the container image.'),
  field('container.type', PT.CHARBUF, "container runtime: docker, cri, containerd, podman... ('host' outside containers)."),
  field('container.privileged', PT.BOOL, 'true for a privileged container (known for docker-compatible runtimes only).'),
  field('container.mounts', PT.CHARBUF, 'every mount of the container as source:dest:mode:rdwr:propagation, comma separated.'),
  field('container.mount', PT.CHARBUF, 'one mount as source:dest:mode:rdwr:propagation, by index (container.mount[0]) or by a glob on its source (container.mount[/var/*]).', MOUNT_ARG),
  field('container.mount.source', PT.CHARBUF, 'source of one mount, by index or by a glob on its destination.', MOUNT_ARG),
  field('container.mount.dest', PT.CHARBUF, 'destination of one mount, by index or by a glob on its source.', MOUNT_ARG),
  field('container.mount.mode', PT.CHARBUF, 'mode of one mount, by index or by a glob on its source.', MOUNT_ARG),
  field('container.mount.rdwr', PT.CHARBUF, "'true' when one mount (by index or by a glob on its source) is read-write.", MOUNT_ARG),
  field('container.mount.propagation', PT.CHARBUF, 'propagation of one mount, by index or by a glob on its source.', MOUNT_ARG),
  field('container.image.repository', PT.CHARBUF, 'repository part of the container image name.'),
  field('container.image.tag', PT.CHARBUF, 'tag part of the container image name.'),
  field('container.image.digest', PT.CHARBUF, 'registry digest of the container image.'),
  field('container.healthcheck', PT.CHARBUF, "command line of the container's health check; NONE when it has none."),
  field('container.liveness_probe', PT.CHARBUF, "command line of the container's liveness probe; NONE when it has none."),
  field('container.readiness_probe', PT.CHARBUF, "command line of the container's readiness probe; NONE when it has none."),
];

const info = fieldNamed(fields);
const MOUNT_PARTS = ['source', 'dest', 'mode', 'rdwr', 'propagation'];
/** the runtimes whose privileged flag libsinsp trusts */
const DOCKER_COMPATIBLE = new Set(['docker', 'cri', 'containerd', 'cri-o', 'podman']);

type Mount = ContainerInfo['mounts'][number];

function mountText(m: Mount): string {
  return `${m.source}:${m.dest}:${m.mode}:${m.rw ? 'true' : 'false'}:${m.propagation}`;
}

/** `[arg]` after a mount field: libsinsp looks for the brackets anywhere further on */
function mountRef(f: FieldInfo, text: string, pos: number, from: number): FieldNameMatch {
  const open = text.indexOf('[', from);
  if (open < 0) throw syntaxError(text, pos);
  const close = text.indexOf(']', open);
  if (close < 0) throw syntaxError(text, pos);
  return { field: f, arg: text.slice(open + 1, close), end: close + 1 };
}

/** a mount selected by index or (when the argument is not a number) by a glob */
function mountSelector(arg: string, byDest: boolean): (c: ContainerInfo) => Mount | undefined {
  const idx = parseInt32Arg(arg);
  if (idx !== undefined && idx !== -1) return (c) => (idx >= 0 ? c.mounts[idx] : undefined);
  // libsinsp keeps an index of -1 as "no index" with an empty pattern
  const pattern = idx === -1 ? '' : arg;
  return (c) => c.mounts.find((m) => globMatch(pattern, byDest ? m.dest : m.source));
}

function bind(f: FieldInfo, arg: string | undefined, ctx: FieldContext): Extractor {
  const flags = f.flags ?? 0;
  if (flags & FieldFlag.ARG_REQUIRED) {
    if (arg === undefined) throw new FieldError(`filter syntax error: ${f.name}`);
  } else if (arg !== undefined) throw new FieldError(`unrecognized field ${f.name}[${arg}]`);

  /** the value for a thread inside a known container; `outside` for host threads */
  const inContainer = (
    get: (c: ContainerInfo) => FieldValue | undefined,
    outside?: FieldValue,
  ): Extractor =>
    new FieldExtractor(f, arg, (ev) => {
      const t: ThreadInfo | undefined = ev.thread;
      if (!t) return undefined;
      if (t.containerId === '') return outside;
      const c = ctx.state.containers.get(t.containerId);
      return c ? get(c) : undefined;
    });
  const nonEmpty = (s: string): string | undefined => (s === '' ? undefined : s);

  switch (f.name) {
    case 'container.id':
      return new FieldExtractor(f, arg, (ev) => (ev.thread ? ev.thread.containerId || 'host' : undefined));
    case 'container.name':
      return inContainer((c) => nonEmpty(c.name), 'host');
    case 'container.image':
      return inContainer((c) => nonEmpty(c.image));
    case 'container.image.id':
      return inContainer((c) => nonEmpty(c.imageId));
    case 'container.image.repository':
      return inContainer((c) => nonEmpty(c.imageRepo));
    case 'container.image.tag':
      return inContainer((c) => nonEmpty(c.imageTag));
    case 'container.image.digest':
      return inContainer((c) => nonEmpty(c.imageDigest));
    case 'container.type':
      return inContainer((c) => c.type, 'host');
    case 'container.privileged':
      return inContainer((c) => (DOCKER_COMPATIBLE.has(c.type) ? c.privileged === true : undefined));
    case 'container.mounts':
      return inContainer((c) => c.mounts.map(mountText).join(','));
    case 'container.mount': {
      const select = mountSelector(arg!, false);
      return inContainer((c) => {
        const m = select(c);
        return m ? mountText(m) : undefined;
      });
    }
    case 'container.mount.source':
    case 'container.mount.dest':
    case 'container.mount.mode':
    case 'container.mount.rdwr':
    case 'container.mount.propagation': {
      const part = f.name.slice('container.mount.'.length);
      const select = mountSelector(arg!, part === 'source');
      return inContainer((c) => {
        const m = select(c);
        if (!m) return undefined;
        if (part === 'source') return m.source;
        if (part === 'dest') return m.dest;
        if (part === 'mode') return m.mode;
        if (part === 'rdwr') return m.rw ? 'true' : 'false';
        return m.propagation;
      });
    }
    case 'container.healthcheck':
    case 'container.liveness_probe':
    case 'container.readiness_probe': {
      const kind = f.name.slice('container.'.length);
      return inContainer((c) => {
        const p = c.probes.find((x) => x.kind === kind);
        if (!p) return 'NONE';
        let s = p.exe;
        for (const a of p.args) s += ' ' + a;
        return s;
      });
    }
  }
  throw new FieldError(`unrecognized field ${f.name}`);
}

export const containerFields: NamedFieldClass = {
  name: 'container',
  shortDesc: '',
  desc: "The container the event happened in. Outside containers, container.id and container.name are 'host'.",
  fields,
  bind,
  parseName(text: string, pos: number): FieldNameMatch | undefined {
    if (text.startsWith('container.mount.', pos)) {
      const base = pos + 'container.mount.'.length;
      const part = MOUNT_PARTS.find((p) => text.startsWith(p, base));
      if (!part) throw syntaxError(text, pos);
      return mountRef(info('container.mount.' + part), text, pos, base);
    }
    if (text.startsWith('container.mount', pos) && text[pos + 'container.mount'.length] !== 's')
      return mountRef(info('container.mount'), text, pos, pos + 'container.mount'.length);
    return parseNameGeneric(this, text, pos);
  },
};
