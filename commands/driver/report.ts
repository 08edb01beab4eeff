// How the driver commands end: a line on stdout, or `sinspect: <message>` on
// stderr and a non-zero exit (never a stack trace).
export async function reportErrors(work: () => void | Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    process.stderr.write(`sinspect: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
