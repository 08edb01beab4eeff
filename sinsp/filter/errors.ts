// Every problem with a filter, from a stray quote to a value the field cannot hold, is
// reported as one FilterError: a single line that names the 0-based character position
// in the filter text where the problem was found, like sysdig's
// `filter error at position 11: ...`.

export class FilterError extends Error {
  /** 0-based index into the filter text */
  readonly position: number;
  /** the message without the position prefix */
  readonly detail: string;

  constructor(position: number, detail: string) {
    super(`filter error at position ${position}: ${detail}`);
    this.name = 'FilterError';
    this.position = position;
    this.detail = detail;
  }
}

/** Quote a piece of filter text for an error message. */
export function quoteForError(text: string): string {
  return `'${text}'`;
}
