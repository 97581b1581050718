// One line of `tsdl doctor`'s report, and how a command's output is read for one.
import { spawnSync } from 'child_process';

/** `info` lines report a choice (a backend not used); `warn` lines something the user may want to fix. */
export type Status = 'ok' | 'info' | 'warn' | 'fail';

export interface Check {
  name: string;
  status: Status;
  detail: string;
}

/** A command's stdout, or null when it is missing or fails. Its stderr is left out: Debian's Python prints
 * debugger warnings there, which would break the JSON that `jupyter kernelspec list --json` prints on stdout. */
export function command(cmd: string, args: string[]): string | null {
  const result = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10000 });
  return result.status === 0 ? result.stdout.trim() : null;
}
