// Every example notebook, executed top to bottom by Debian's `jupyter nbconvert --execute` (nbclient) through the
// uninstalled kernelspec, and two of them by `tsdl run` as well. Each run must be free of errors, valid nbformat,
// and show the results the notebook's text promises. The committed copies must carry the outputs of such a run.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { jupyterEnv } from '../helpers/jupyter-env';
import { codeCells, errors, type ExecutedNotebook, nbformatProblems, readNotebook } from './executed';
import { NOTEBOOKS } from './expectations';

const ROOT = join(__dirname, '..', '..');
const NOTEBOOK_DIR = join(ROOT, 'notebooks');
/** Per notebook; the slowest (06) takes under a minute on a busy 2-core machine. */
const RUN_TIMEOUT_MS = 300000;

type Executor = (input: string, output: string) => void;

function executeWithTsdl(input: string, output: string): void {
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'tsdl.js'), 'run', input, '-o', output, '--timeout', '240'], {
    encoding: 'utf8',
    timeout: RUN_TIMEOUT_MS,
  });
  expect(result.status, `tsdl run failed:\n${result.stderr}`).to.equal(0);
}

function nbconvertExecutor(env: () => NodeJS.ProcessEnv): Executor {
  return (input, output) => {
    const out = join(output, '..');
    const name = output.slice(out.length + 1);
    const args = ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=240', '--output-dir', out, '--output', name, input];
    const result = spawnSync('jupyter', args, { env: env(), encoding: 'utf8', timeout: RUN_TIMEOUT_MS });
    expect(result.status, `nbconvert failed:\n${result.stderr}`).to.equal(0);
  };
}

/** Each code cell ran once, in order, and none failed. */
function expectCleanRun(notebook: ExecutedNotebook): void {
  expect(errors(notebook), 'error outputs').to.deep.equal([]);
  const counts = codeCells(notebook).map((cell) => cell.execution_count);
  expect(counts).to.deep.equal(counts.map((_, i) => i + 1));
}

describe('example notebooks', function () {
  this.timeout(RUN_TIMEOUT_MS + 30000);
  let env: NodeJS.ProcessEnv;
  const outDir = mkdtempSync(join(tmpdir(), 'tsdl-notebooks-'));

  before(() => {
    env = jupyterEnv();
  });

  const nbconvert: [string, Executor] = ['jupyter nbconvert --execute', nbconvertExecutor(() => env)];
  const tsdlRun: [string, Executor] = ['tsdl run', executeWithTsdl];
  /**
   * `tsdl run` runs the same kernel as nbconvert with its own client: one plain notebook and the one with widgets
   * (outputs of comms no frontend answers) cover that client; the workflow notebook runs through it in `npm start`'s
   * test, and runner.test.ts tests the rest of it.
   */
  const TSDL_RUN = new Set(['01-layers-and-models.ipynb', '08-interactive-training.ipynb']);

  for (const { file, check } of NOTEBOOKS) {
    describe(file, () => {
      it('is committed with the outputs of a complete, successful run', () => {
        const path = join(NOTEBOOK_DIR, file);
        expect(nbformatProblems(path)).to.equal('');
        const notebook = readNotebook(path);
        expect(notebook.metadata.kernelspec?.name).to.equal('tsdl');
        expectCleanRun(notebook);
        check(notebook);
      });

      for (const [label, execute] of TSDL_RUN.has(file) ? [tsdlRun, nbconvert] : [nbconvert]) {
        it(`runs top to bottom with ${label}, valid nbformat, with the results it promises`, () => {
          const output = join(outDir, `${label.split(' ')[0]}-${file}`);
          execute(join(NOTEBOOK_DIR, file), output);
          expect(nbformatProblems(output)).to.equal('');
          const notebook = readNotebook(output);
          expectCleanRun(notebook);
          check(notebook);
        });
      }
    });
  }
});
