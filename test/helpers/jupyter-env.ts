// An environment in which Jupyter sees this checkout's kernelspec (installed into a temporary prefix, found through
// JUPYTER_PATH) and keeps every file it writes in a temporary home, away from the real user's folders.
import { execFileSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

export function jupyterEnv(): NodeJS.ProcessEnv {
  const home = mkdtempSync(join(tmpdir(), 'tsdl-jupyter-'));
  execFileSync(process.execPath, [join(ROOT, 'install.js'), '--prefix', join(home, 'prefix')], { stdio: 'pipe' });
  return {
    ...process.env,
    JUPYTER_PATH: join(home, 'prefix', 'share', 'jupyter'),
    JUPYTER_DATA_DIR: join(home, 'data'),
    JUPYTER_RUNTIME_DIR: join(home, 'runtime'),
    JUPYTER_CONFIG_DIR: join(home, 'config'),
    IPYTHONDIR: join(home, 'ipython'),
    TSDL_HISTORY_DIR: join(home, 'history'),
    HOME: home,
  };
}
