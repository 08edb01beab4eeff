// Every field class, in sysdig's order, behind one FieldRegistry.
import type { FieldContext, FieldRegistry } from './types.js';
import { evtFields } from './classes/evt.js';
import { processFields } from './classes/process.js';
import { userFields } from './classes/user.js';
import { groupFields } from './classes/group.js';
import { containerFields } from './classes/container.js';
import { fdFields } from './classes/fd.js';
import { syslogFields } from './classes/syslog.js';
import { utilFields } from './classes/util.js';
import { fdlistFields } from './classes/fdlist.js';
import { fsPathFields } from './classes/fspath.js';
import { k8sFields } from './classes/k8s.js';
import { mesosFields } from './classes/mesos.js';
import { FieldTable } from './classes/field-table.js';
import type { NamedFieldClass } from './classes/names.js';

/** the field classes after evt, in the order libsinsp asks them to recognise a name */
export const NON_EVT_CLASSES: readonly NamedFieldClass[] = [
  processFields,
  userFields,
  groupFields,
  containerFields,
  fdFields,
  syslogFields,
  utilFields,
  fdlistFields,
  k8sFields,
  mesosFields,
  // beyond sysdig 0.29.3: the current libs' fs.path class
  fsPathFields,
];

export function createRegistry(ctx: FieldContext): FieldRegistry {
  // the evt module may describe its fields as one class or as sysdig's two listings
  const evt = ([] as NamedFieldClass[]).concat(evtFields);
  return new FieldTable([...evt, ...NON_EVT_CLASSES], ctx);
}
