// The Extractor the field classes hand out: one object per bound field reference, with
// the per-event work in a closure and text/JSON rendering chosen by the value's type.
import type { Event } from '../../event/event.js';
import type { Extractor, FieldInfo, FieldValue } from '../types.js';
import { renderValue, renderValueJson } from './values.js';

export type ExtractFn = (ev: Event) => FieldValue | undefined;
export type ListFn = (ev: Event) => FieldValue[] | undefined;
export type RenderFn = (v: FieldValue, ev: Event) => string;

export interface ExtractorOptions {
  /** the type of the extracted value, when it differs from the listed one */
  type?: number;
  /** every value, for fields that match several (fd.ip, proc.aname without index...) */
  list?: ListFn;
  /**
   * How `!=` combines over `list` values. 'none-equal': true when the list is not empty
   * and no element equals (fd.ip, fd.port, fd.proto, fd.net...). 'any-differs': true when
   * some element differs (proc.aname, proc.apid without index). Every other operator is
   * true when some element satisfies it.
   */
  listNotEqual?: 'none-equal' | 'any-differs';
  /** text for a value, when the generic rule for the type is not what sysdig prints */
  render?: RenderFn;
  /** JSON for a value, when the generic rule for the type is not what sysdig writes */
  renderJson?: RenderFn;
  /** see Extractor.stateful */
  stateful?: boolean;
  /** see Extractor.typeOnly */
  typeOnly?: boolean;
  /** see Extractor.equalsAny */
  equalsAny?: (values: FieldValue[]) => ((ev: Event) => boolean) | undefined;
  /** see Extractor.checkLiteral */
  checkLiteral?: (text: string) => string | undefined;
}

export class FieldExtractor implements Extractor {
  readonly type: number;
  readonly extract: ExtractFn;
  readonly extractList?: ListFn;
  readonly listNotEqual?: 'none-equal' | 'any-differs';
  readonly equalsAny?: (values: FieldValue[]) => ((ev: Event) => boolean) | undefined;
  readonly checkLiteral?: (text: string) => string | undefined;
  readonly stateful?: boolean;
  readonly typeOnly?: boolean;
  private readonly customRender: RenderFn | undefined;
  private readonly customJson: RenderFn | undefined;

  constructor(
    readonly info: FieldInfo,
    readonly arg: string | undefined,
    extract: ExtractFn,
    opts: ExtractorOptions = {},
  ) {
    this.type = opts.type ?? info.type;
    this.extract = extract;
    if (opts.list) this.extractList = opts.list;
    if (opts.listNotEqual) this.listNotEqual = opts.listNotEqual;
    if (opts.equalsAny) this.equalsAny = opts.equalsAny;
    if (opts.checkLiteral) this.checkLiteral = opts.checkLiteral;
    if (opts.stateful) this.stateful = true;
    if (opts.typeOnly) this.typeOnly = true;
    this.customRender = opts.render;
    this.customJson = opts.renderJson;
  }

  render(v: FieldValue, ev: Event): string {
    if (this.customRender) return this.customRender(v, ev);
    return renderValue(this.type, this.info.fmt, v);
  }

  renderJson(v: FieldValue, ev: Event): string {
    if (this.customJson) return this.customJson(v, ev);
    return renderValueJson(this.type, this.info.fmt, v);
  }
}
