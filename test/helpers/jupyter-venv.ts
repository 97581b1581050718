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
