// Floods of outputs in one cell: 20,000 updates of a display and 20,000 display() calls. Updates still waiting to
// be sent collapse into the latest, so a client that reads iopub slowly (nbclient) ends with the final state; the
// cell's reply waits until its outputs fit the rate a client reads (server/reply-pacing.ts), so nbclient, which stops
// reading a short while after the reply, loses none: what nbconvert --execute saves has every output.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { jupyterEnv } from '../helpers/jupyter-env';
import { withKernel } from '../helpers/kernel';
import { OUTPUTS_PER_SECOND, UNPACED_OUTPUTS } from '../../src/server/reply-pacing';

const UPDATES = 20000;
const DISPLAYS = 20000;

const UPDATING = `const a = display.text('a 0');\nconst b = display.text('b 0');\nfor (let i = 1; i < ${UPDATES}; i++) {\n  a.update({ 'text/plain': \`a \${i}\` }, { raw: true });\n  b.update({ 'text/plain': \`b \${i}\` }, { raw: true });\n}`;
const DISPLAYING = `for (let i = 0; i < ${DISPLAYS}; i++) display.text(\`item \${i}\`);`;

describe('reliability: floods of display outputs', function () {
  this.timeout(120000);

  it('sends a few coalesced updates per display, in order, the last with the final state', async () => {
    await withKernel({}, async (kernel) => {
      const outcome = await kernel.execute(UPDATING);
      expect(outcome.reply.content.status).to.equal('ok');
      const shown = (name: string): string[] =>
        outcome.outputs
          .filter((m) => m.header.msg_type === 'update_display_data' && String((m.content.data as Record<string, string>)['text/plain']).startsWith(name))
          .map((m) => (m.content.data as Record<string, string>)['text/plain']);
      for (const name of ['a', 'b']) {
        const values = shown(name).map((text) => Number(text.split(' ')[1]));
        expect(values.at(-1), `the last update of ${name}`).to.equal(UPDATES - 1);
        expect(values.length, `updates sent for ${name}`).to.be.below(UPDATES / 10);
        expect(values, `updates of ${name} keep their order`).to.deep.equal([...values].sort((x, y) => x - y));
      }
    });
  });

  it('saves the final state of 20,000 updates and all of 20,000 displays through nbconvert --execute', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsdl-flood-'));
    const cell = (id: string, source: string) => ({ cell_type: 'code', id, metadata: {}, execution_count: null, outputs: [], source });
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'tsdl', display_name: 'TypeScript (tsdl)', language: 'typescript' } },
      cells: [cell('updates', UPDATING), cell('displays', DISPLAYING)],
    };
    writeFileSync(join(dir, 'flood.ipynb'), JSON.stringify(notebook));
    const result = spawnSync('/usr/bin/jupyter', ['nbconvert', '--to', 'notebook', '--execute', '--output', 'executed.ipynb', join(dir, 'flood.ipynb')], {
      cwd: dir,
      env: jupyterEnv(),
      encoding: 'utf8',
      timeout: 110000,
    });
    expect(result.status, result.stderr).to.equal(0);
    expect(result.stderr).not.to.contain('Timeout waiting for IOPub output');
    const executed = JSON.parse(readFileSync(join(dir, 'executed.ipynb'), 'utf8')) as { cells: { outputs: { data?: Record<string, unknown> }[] }[] };
    // nbformat stores multi-line strings as lists of lines.
    const texts = (index: number): string[] => executed.cells[index].outputs.map((output) => [output.data?.['text/plain']].flat().join(''));
    expect(texts(0)).to.deep.equal([`a ${UPDATES - 1}`, `b ${UPDATES - 1}`]);
    expect(texts(1)).to.deep.equal(Array.from({ length: DISPLAYS }, (_, i) => `item ${i}`));
  });

  it('holds the reply of a cell that displays faster than a client reads, and lets it go on interrupt', async () => {
    await withKernel({}, async (kernel) => {
      const started = Date.now();
      const flood = await kernel.execute('for (let i = 0; i < 3000; i++) display.text(`x ${i}`);');
      expect(flood.reply.content.status).to.equal('ok');
      // 3,000 outputs, all but the unpaced first ones at the paced rate of 1,000 a second: the reply could not have
      // come sooner.
      expect(Date.now() - started).to.be.at.least(((3000 - UNPACED_OUTPUTS) * 1000) / OUTPUTS_PER_SECOND);
      const { reply } = kernel.sendRequest('shell', 'execute_request', { code: 'for (let i = 0; i < 60000; i++) display.text(`y ${i}`);', silent: false });
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await kernel.request('control', 'interrupt_request', {}, 5000);
      expect((await reply).content.status).to.equal('ok');
      expect(Date.now() - started, 'the second reply came on interrupt, not after a minute').to.be.below(40000);
    });
  });
});
