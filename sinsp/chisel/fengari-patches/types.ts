// An edit to one of Fengari's sources (see index.ts).

export interface SourcePatch {
  /** the file under fengari/src/ to edit ('' for every file) */
  file: string;
  /** what the edit achieves, one line (tests list the patches by it) */
  why: string;
  /** the text expected; a global RegExp edits every occurrence */
  find: RegExp;
  /** the new text ($1... for groups) or a function of the match, as String.replace takes */
  replace: string | ((match: string, ...groups: string[]) => string);
}
