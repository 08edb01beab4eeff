// The field registry over an ordered list of field classes. Name lookup follows libsinsp:
// the classes are asked in order and the first that recognises the text wins, so the
// order of the list matters (it is sysdig's -l order).
import { FieldError, type Extractor, type FieldClassInfo, type FieldContext, type FieldInfo, type FieldRegistry } from '../types.js';
import { parseName, type NamedFieldClass } from './names.js';

export class FieldTable implements FieldRegistry {
  readonly classes: FieldClassInfo[];
  private readonly byName = new Map<string, { cls: NamedFieldClass; field: FieldInfo }>();

  constructor(
    private readonly list: readonly NamedFieldClass[],
    private readonly ctx: FieldContext,
  ) {
    this.classes = [...list];
    for (const cls of list) for (const field of cls.fields) if (!this.byName.has(field.name)) this.byName.set(field.name, { cls, field });
  }

  scan(text: string, pos: number): { name: string; arg: string | undefined; end: number } | undefined {
    for (const cls of this.list) {
      const m = parseName(cls, text, pos);
      if (m) return { name: m.field.name, arg: m.arg, end: m.end };
    }
    return undefined;
  }

  resolve(name: string, arg: string | undefined): Extractor {
    const e = this.byName.get(name);
    if (!e) throw new FieldError(arg === undefined ? `unrecognized field ${name}` : `unrecognized field ${name}[${arg}]`);
    return e.cls.bind(e.field, arg, this.ctx);
  }

  /** the listing of a field, by its name */
  field(name: string): FieldInfo | undefined {
    return this.byName.get(name)?.field;
  }
}
