// k8s.*: the Kubernetes objects around the event's thread. sysdig fills most of them from
// the API server it is pointed at (-k), a client sinspect does not have; without one,
// sysdig 0.29.3 gives only what the container labels say about the pod (k8s-pod.ts), and
// <NA> for everything else. So does sinspect.
import type { ThreadInfo } from '../../state/thread.js';
import { FieldError, type Extractor, type FieldContext, type FieldInfo, type FieldValue } from '../types.js';
import { FieldExtractor } from './extractor.js';
import { textField } from './field-info.js';
import {
  containerLabels,
  type Labels,
  podLabelsText,
  POD_NAME_LABEL,
  POD_NAMESPACE_LABEL,
  POD_UID_LABEL,
  sandboxLabels,
} from './k8s-pod.js';
import { checkLabelClassArg, LABEL_ARG, parseLabelClassName } from './label-arg.js';
import type { FieldNameMatch, NamedFieldClass } from './names.js';

/** sysdig 0.29.3's fields, in its order */
const fields: FieldInfo[] = [
  textField('k8s.pod.name', 'name of the pod the thread runs in.'),
  textField('k8s.pod.id', 'uid of the pod the thread runs in.'),
  textField('k8s.pod.label', "value of one label of the pod, named after a dot: 'k8s.pod.label.app'.", LABEL_ARG),
  textField(
    'k8s.pod.labels',
    "every label of the pod as key:value (the key alone for an empty value), in key order, separated by ', '; " +
      "the runtime's io.kubernetes.* and annotation.* keys are left out.",
  ),
  textField('k8s.rc.name', 'name of the replication controller of the pod.'),
  textField('k8s.rc.id', 'uid of the replication controller of the pod.'),
  textField('k8s.rc.label', "value of one label of the replication controller: 'k8s.rc.label.app'.", LABEL_ARG),
  textField('k8s.rc.labels', "every label of the replication controller as key:value, separated by ', '."),
  textField('k8s.svc.name', "names of the services that select the pod, separated by ', '."),
  textField('k8s.svc.id', "uids of the services that select the pod, separated by ', '."),
  textField('k8s.svc.label', "values of one label of the services that select the pod: 'k8s.svc.label.app'.", LABEL_ARG),
  textField('k8s.svc.labels', "every label of the services that select the pod as key:value, separated by ', '."),
  textField('k8s.ns.name', 'namespace of the pod.'),
  textField('k8s.ns.id', 'uid of the namespace of the pod.'),
  textField('k8s.ns.label', "value of one label of the pod's namespace: 'k8s.ns.label.team'.", LABEL_ARG),
  textField('k8s.ns.labels', "every label of the pod's namespace as key:value, separated by ', '."),
  textField('k8s.rs.name', 'name of the replica set of the pod.'),
  textField('k8s.rs.id', 'uid of the replica set of the pod.'),
  textField('k8s.rs.label', "value of one label of the replica set: 'k8s.rs.label.app'.", LABEL_ARG),
  textField('k8s.rs.labels', "every label of the replica set as key:value, separated by ', '."),
  textField('k8s.deployment.name', 'name of the deployment of the pod.'),
  textField('k8s.deployment.id', 'uid of the deployment of the pod.'),
  textField('k8s.deployment.label', "value of one label of the deployment: 'k8s.deployment.label.app'.", LABEL_ARG),
  textField('k8s.deployment.labels', "every label of the deployment as key:value, separated by ', '."),
];

function bind(f: FieldInfo, arg: string | undefined, ctx: FieldContext): Extractor {
  checkLabelClassArg(f, arg);
  const { state } = ctx;

  /** a value read from the labels of the thread's container */
  const fromLabels = (get: (labels: Labels) => FieldValue | undefined): Extractor =>
    new FieldExtractor(f, arg, (ev) => {
      const t: ThreadInfo | undefined = ev.thread;
      if (!t) return undefined;
      const labels = containerLabels(state, t);
      return labels ? get(labels) : undefined;
    });
  /** a value read from the labels of the pod's sandbox container */
  const fromSandbox = (get: (sandbox: Labels) => FieldValue | undefined): Extractor =>
    fromLabels((labels) => {
      const sandbox = sandboxLabels(state, labels);
      return sandbox ? get(sandbox) : undefined;
    });

  switch (f.name) {
    case 'k8s.pod.name':
      return fromLabels((l) => l.get(POD_NAME_LABEL));
    case 'k8s.ns.name':
      return fromLabels((l) => l.get(POD_NAMESPACE_LABEL));
    case 'k8s.pod.id':
      return fromLabels((l) => l.get(POD_UID_LABEL));
    case 'k8s.pod.label': {
      const key = arg!;
      return fromSandbox((l) => l.get(key));
    }
    case 'k8s.pod.labels':
      return fromSandbox(podLabelsText);
  }
  if (fields.includes(f)) return new FieldExtractor(f, arg, () => undefined); // API server only
  throw new FieldError(`unrecognized field ${f.name}`);
}

export const k8sFields: NamedFieldClass = {
  name: 'k8s',
  shortDesc: '',
  desc:
    "Kubernetes objects around the event's thread. sinspect does not query an API server: the pod's name, " +
    "uid, namespace and labels come from the labels the container runtime gave the thread's container and " +
    'the pod sandbox; the other fields have no value.',
  fields,
  bind,
  parseName(text: string, pos: number): FieldNameMatch | undefined {
    return parseLabelClassName(this, text, pos);
  },
};
