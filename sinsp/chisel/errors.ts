// Errors the chisel engine reports. Every message is one line meant for the user: the CLI
// prints it and exits non-zero.

export class ChiselError extends Error {
  override readonly name = 'ChiselError';
}

/** A chisel called os.exit(): the CLI should flush output and exit with this code. */
export class ChiselExit extends Error {
  override readonly name = 'ChiselExit';
  constructor(readonly code: number) {
    super(`chisel exited with code ${code}`);
  }
}
