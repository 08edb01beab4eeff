// The key argument of the label fields of the k8s and mesos classes (k8s.pod.label.app,
// marathon.app.label.tier). libsinsp's two classes read it themselves, not through the
// generic rules: only the dotted form is accepted (sysdig 0.29.3 rejects
// `k8s.pod.label[app]`), and the key may hold '/', '-' and '.' besides letters, digits
// and '_', so that keys such as app.kubernetes.io/name can be written as they are.
import { FieldError, FieldFlag, type FieldInfo } from '../types.js';
import { parseNameGeneric, syntaxError, type FieldNameMatch, type NamedFieldClass } from './names.js';

/** the flags of a label field in a class listing */
export const LABEL_ARG = FieldFlag.ARG_REQUIRED | FieldFlag.ARG_KEY;

/** isalnum() in the C locale, or one of / _ - . */
function isLabelKeyChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 47 || c === 95 || c === 45 || c === 46
  );
}

/**
 * A reference to label field `field`, whose name starts `text` at `pos`: a '.' must follow
 * the name, and the key is every key character after it (possibly none). Anything else
 * is a syntax error naming the rest of the text, as libsinsp words it.
 */
function labelFieldRef(field: FieldInfo, text: string, pos: number): FieldNameMatch {
  const dot = pos + field.name.length;
  if (text.charCodeAt(dot) !== 46) throw syntaxError(text, pos);
  let end = dot + 1;
  while (end < text.length && isLabelKeyChar(text.charCodeAt(end))) end++;
  return { field, arg: text.slice(dot + 1, end), end };
}

/**
 * Field-name parsing for a class with label fields: a reference that starts with a label
 * field's name (but not with that name plus 's', the field listing every label) is that
 * label field; anything else follows the generic rules.
 */
export function parseLabelClassName(cls: NamedFieldClass, text: string, pos: number): FieldNameMatch | undefined {
  for (const f of cls.fields) {
    if (!((f.flags ?? 0) & FieldFlag.ARG_REQUIRED)) continue;
    if (text.startsWith(f.name, pos) && !text.startsWith(f.name + 's', pos)) return labelFieldRef(f, text, pos);
  }
  return parseNameGeneric(cls, text, pos);
}

/**
 * The argument check of a class with label fields, when a field is bound: label fields
 * need their key, the others take none.
 */
export function checkLabelClassArg(f: FieldInfo, arg: string | undefined): void {
  if ((f.flags ?? 0) & FieldFlag.ARG_REQUIRED) {
    if (arg === undefined) throw new FieldError(`filter syntax error: ${f.name}`);
  } else if (arg !== undefined) throw new FieldError(`unrecognized field ${f.name}[${arg}]`);
}
