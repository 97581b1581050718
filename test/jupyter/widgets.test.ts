// Widgets through jupyter_client itself (see widgets.py), with Debian's jupyter_client 7 and the venv's 8: comm_open
// with the protocol version in its metadata, update round trips with busy/idle, buffers both ways, a click.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { join } from 'path';
import { jupyterEnv } from '../helpers/jupyter-env';
import { JUPYTER_CLIENTS } from '../helpers/jupyter-venv';

for (const client of JUPYTER_CLIENTS) {
  describe(`widgets through ${client.name}`, function () {
    this.timeout(180000);

    it('opens widgets with protocol 2.1.0, syncs updates both ways, carries buffers and clicks', () => {
      const result = spawnSync(client.python(), [join(__dirname, 'widgets.py')], { env: jupyterEnv(), encoding: 'utf8', timeout: 170000 });
      const output = `${result.stdout}${result.stderr}`;
      expect(result.stdout).to.match(client.version);
      const lines = result.stdout.split('\n').filter((line) => /^(ok|FAIL) /.test(line));
      expect(lines.filter((line) => line.startsWith('FAIL')), output).to.deep.equal([]);
      expect(lines, output).to.deep.equal(['ok open', 'ok update', 'ok buffers', 'ok click', 'ok comm_info']);
      expect(result.status, output).to.equal(0);
    });
  });
}
