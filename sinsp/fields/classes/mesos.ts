// mesos.* and marathon.*: the Mesos task (and its Marathon app) of the event's container.
// sysdig learns them from the Mesos master and Marathon it is pointed at (-m) and from
// nothing else; sinspect has no such client, so, like sysdig 0.29.3 without -m, it gives
// no value for any of them. The fields are known so that formats and filters that name
// them work as they do in sysdig.
import { FieldError, type Extractor, type FieldContext, type FieldInfo } from '../types.js';
import { FieldExtractor } from './extractor.js';
import { textField } from './field-info.js';
import { checkLabelClassArg, LABEL_ARG, parseLabelClassName } from './label-arg.js';
import type { FieldNameMatch, NamedFieldClass } from './names.js';

/** sysdig 0.29.3's fields, in its order */
const fields: FieldInfo[] = [
  textField('mesos.task.name', 'name of the Mesos task.'),
  textField('mesos.task.id', 'id of the Mesos task.'),
  textField('mesos.task.label', "value of one label of the Mesos task, named after a dot: 'mesos.task.label.env'.", LABEL_ARG),
  textField('mesos.task.labels', "every label of the Mesos task as key:value, separated by ', '."),
  textField('mesos.framework.name', 'name of the Mesos framework running the task.'),
  textField('mesos.framework.id', 'id of the Mesos framework running the task.'),
  textField('marathon.app.name', 'name of the Marathon app of the task.'),
  textField('marathon.app.id', 'id of the Marathon app of the task.'),
  textField('marathon.app.label', "value of one label of the Marathon app: 'marathon.app.label.env'.", LABEL_ARG),
  textField('marathon.app.labels', "every label of the Marathon app as key:value, separated by ', '."),
  textField('marathon.group.name', 'name of the Marathon group of the app.'),
  textField('marathon.group.id', 'id of the Marathon group of the app.'),
];

function bind(f: FieldInfo, arg: string | undefined, _ctx: FieldContext): Extractor {
  checkLabelClassArg(f, arg);
  if (!fields.includes(f)) throw new FieldError(`unrecognized field ${f.name}`);
  return new FieldExtractor(f, arg, () => undefined);
}

export const mesosFields: NamedFieldClass = {
  name: 'mesos',
  shortDesc: '',
  desc:
    'Mesos tasks and Marathon apps of the event\'s container. They come from a Mesos master, which sinspect ' +
    'does not query: no field has a value.',
  fields,
  bind,
  parseName(text: string, pos: number): FieldNameMatch | undefined {
    return parseLabelClassName(this, text, pos);
  },
};
