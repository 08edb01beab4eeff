// sinspect's version, as -v/--version prints it (kept apart from the long help text,
// which only -h needs).
export const VERSION = '0.1.0';
