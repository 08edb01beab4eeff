// sysdig.get_terminal_info: the size of the terminal on stdout, -1 x -1 when not a tty.
export function terminalSize(): { width: number; height: number } {
  const out = process.stdout;
  if (out.isTTY && out.columns) return { width: out.columns, height: out.rows };
  return { width: -1, height: -1 };
}
