// -l, -lv and --list-markdown: the field classes in sysdig's listing layout (a 30-column
// name block, descriptions word-wrapped at 120 columns), with sinspect's own descriptions.
import { PT } from '../generated/schema.js';
import { FieldFlag, type FieldClassInfo, type FieldInfo, type FieldRegistry } from './types.js';

const NAME_COLUMN = 30;
const WIDTH = 120;

/** the type names sysdig prints (param_type_to_string); the ones it lacks print <NA> */
const TYPE_NAMES = new Map<number, string>(
  Object.entries(PT)
    .filter(([k]) => !['MAX', 'IPV6ADDR', 'IPV6NET', 'ENUMFLAGS8', 'ENUMFLAGS16', 'ENUMFLAGS32', 'FD32', 'PID32'].includes(k))
    .map(([k, v]) => [v, k === 'DYN' ? 'DYNAMIC' : k]),
);

export function typeName(type: number): string {
  return TYPE_NAMES.get(type) ?? '<NA>';
}

const listed = (f: FieldInfo): boolean => ((f.flags ?? 0) & FieldFlag.HIDDEN) === 0;

/** classes shown by -l: those with at least one listed field */
function visibleClasses(registry: FieldRegistry): FieldClassInfo[] {
  return registry.classes.filter((c) => c.fields.some(listed));
}

/** sysdig's word wrap: words joined by one space (each followed by one), continuation lines indented */
function wrap(text: string): string {
  let out = '';
  let len = 0;
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    const wordLen = word.length + 1;
    if (len + wordLen <= WIDTH - NAME_COLUMN) len += wordLen;
    else {
      out += '\n' + ' '.repeat(NAME_COLUMN);
      len = wordLen;
    }
    out += word + ' ';
  }
  return out;
}

function classText(c: FieldClassInfo, verbose: boolean): string {
  let out = '-------------------------------\n';
  out += 'Field Class:'.padEnd(NAME_COLUMN) + c.name + (c.shortDesc ? ` (${c.shortDesc})` : '') + '\n';
  if (c.desc) out += 'Description:'.padEnd(NAME_COLUMN) + wrap(c.desc) + '\n';
  out += '\n';
  for (const f of c.fields) {
    if (!listed(f)) continue;
    out += f.name.length > NAME_COLUMN ? f.name + '\n' + ' '.repeat(NAME_COLUMN) : f.name.padEnd(NAME_COLUMN);
    let desc = f.desc;
    if ((f.flags ?? 0) & FieldFlag.FILTER_ONLY) desc = '(FILTER ONLY) ' + desc;
    if (verbose) desc = `(Type: ${typeName(f.type)}) ` + desc;
    out += wrap(desc) + '\n';
  }
  return out;
}

function classMarkdown(c: FieldClassInfo): string {
  let out = `\n## Field Class: ${c.name}\n\n${c.desc}\n\n`;
  out += 'Name | Type | Description\n:----|:-----|:-----------\n';
  for (const f of c.fields) if (listed(f)) out += `\`${f.name}\` | ${typeName(f.type)} | ${f.desc}\n`;
  return out;
}

/** the whole listing, as sysdig writes it to stdout */
export function listFields(registry: FieldRegistry, opts: { verbose?: boolean; markdown?: boolean } = {}): string {
  const classes = visibleClasses(registry);
  if (opts.markdown) return classes.map(classMarkdown).join('');
  return classes.map((c) => classText(c, opts.verbose === true) + '\n').join('');
}
