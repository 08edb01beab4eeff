// Running the harness's tools: a failure becomes one Error naming the step,
// with the tail of the tool's output.
import { spawnSync } from 'node:child_process';

export function run(cmd, args, { cwd, env, what, input } = {}) {
  const r = spawnSync(cmd, args, { cwd, env, input, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw new Error(`${what ?? cmd}: cannot run ${cmd}: ${r.error.message}`);
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`${what ?? cmd} failed (exit ${r.status}):\n${tail}`);
  }
  return r.stdout;
}
