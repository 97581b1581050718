// A native crash (a segfault in a backend's native code) ends the kernel process at once instead of hanging it,
// and Jupyter's restart gives a clean, working kernel: checked through jupyter_client, as a frontend sees it.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { jupyterEnv } from '../helpers/jupyter-env';

describe('reliability: a native crash', function () {
  this.timeout(120000);

  it('ends the process at once, and a restart brings back a clean working kernel', () => {
    const result = spawnSync('/usr/bin/python3', ['native_crash.py'], { cwd: __dirname, env: jupyterEnv(), encoding: 'utf8', timeout: 110000 });
    expect(result.status, `${result.stdout}${result.stderr}`).to.equal(0);
    const observed = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as {
      died_after_s: number;
      alive_after_crash: boolean;
      status_after_restart: string;
      result_after_restart: string[];
    };
    expect(observed.alive_after_crash).to.equal(false);
    expect(observed.died_after_s).to.be.below(5);
    expect(observed.status_after_restart).to.equal('ok');
    expect(observed.result_after_restart).to.deep.equal(["'undefined 2'"]);
  });
});
