// Output widgets under nbconvert --execute: nbclient sends a capture's outputs back on shell as it reads them, and it
// misses an execute_reply already waiting there until the cell timeout (jupyter/nbclient#312). tsdl lets a cell that
// captured send its reply once such a client has answered, so a notebook of captures runs without stalls.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { tsdlNotebook } from '../browser/browser';
import { jupyterEnv } from '../helpers/jupyter-env';

describe('Output widget captures through nbconvert --execute', function () {
  this.timeout(120000);

  it('runs eight capturing cells in a row without waiting out a cell timeout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsdl-capture-'));
    const cells = ['const out = widgets.Output();\nout'];
    for (let i = 0; i < 8; i++) cells.push(`out.capture(() => console.log('captured ${i}'));\n${i}`);
    writeFileSync(join(dir, 'in.ipynb'), JSON.stringify(tsdlNotebook(cells)));
    // Each cell takes milliseconds: a stall waits out the 20 s timeout, and nbconvert may then fail the cell.
    const started = Date.now();
    const result = spawnSync(
      'jupyter',
      ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=20', '--output-dir', dir, '--output', 'out.ipynb', join(dir, 'in.ipynb')],
      { env: jupyterEnv(), encoding: 'utf8', timeout: 110000 },
    );
    const seconds = (Date.now() - started) / 1000;
    expect(result.status, result.stderr).to.equal(0);
    expect(seconds, result.stderr).to.be.below(20);
    const notebook = JSON.parse(readFileSync(join(dir, 'out.ipynb'), 'utf8')) as { metadata: { widgets?: Record<string, { state: Record<string, { state: { outputs?: { text?: string }[] } }> }> } };
    const state = Object.values(notebook.metadata.widgets?.['application/vnd.jupyter.widget-state+json']?.state ?? {});
    const captured = state.flatMap((model) => model.state.outputs ?? []).map((output) => output.text).join('');
    expect(captured).to.equal([...Array(8).keys()].map((i) => `captured ${i}\n`).join(''));
  });
});
