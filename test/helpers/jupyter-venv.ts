// The JupyterLab 4 / Notebook 7 / jupyter_client 8 virtualenv, made once from the local wheel index by
// scripts/jupyter-venv.sh (which does nothing when it is already there).
import { execFileSync } from 'child_process';
import { join } from 'path';

let bin: string | null = null;

/** The venv's bin folder, after making sure the venv exists. */
export function jupyterVenvBin(): string {
  bin ??= execFileSync('bash', [join(__dirname, '..', '..', 'scripts', 'jupyter-venv.sh')], { encoding: 'utf8' }).trim();
  return bin;
}

/** The two jupyter_client versions the tests drive tsdl with: Debian's 7 and the venv's 8, and what each prints. */
export const JUPYTER_CLIENTS = [
  { name: "Debian's jupyter_client 7", python: () => '/usr/bin/python3', version: /^jupyter_client 7\./m },
  { name: "the venv's jupyter_client 8", python: () => join(jupyterVenvBin(), 'python'), version: /^jupyter_client 8\./m },
];
