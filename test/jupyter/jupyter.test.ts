// tsdl under real Jupyter clients from Debian: the official jupyter_kernel_test suite, nbconvert --execute, and a
// jupyter console session in tmux. The kernelspec is the uninstalled checkout's, found through JUPYTER_PATH.
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { jupyterEnv } from '../helpers/jupyter-env';

const PYTHON = '/usr/bin/python3';

describe('Jupyter clients', function () {
  this.timeout(180000);
  let env: NodeJS.ProcessEnv;

  before(() => {
    env = jupyterEnv();
    const specs = JSON.parse(execFileSync('jupyter', ['kernelspec', 'list', '--json'], { env, encoding: 'utf8' })) as {
      kernelspecs: Record<string, { resource_dir: string }>;
    };
    expect(specs.kernelspecs, 'the uninstalled kernelspec is visible through JUPYTER_PATH').to.have.property('tsdl');
  });

  it('passes the official jupyter_kernel_test suite: 12 tests, none skipped', () => {
    const result = spawnSync(PYTHON, ['-m', 'unittest', '-v', 'kernel_test_suite'], { cwd: __dirname, env, encoding: 'utf8', timeout: 170000 });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).to.equal(0);
    expect(output).to.match(/Ran 12 tests/);
    expect(output).to.match(/\nOK\s*$/);
    expect(output).not.to.match(/skipped/i);
  });

  it('executes a notebook with jupyter nbconvert --execute', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsdl-nbconvert-'));
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { kernelspec: { name: 'tsdl', display_name: 'TypeScript (tsdl)', language: 'typescript' } },
      cells: [
        { cell_type: 'code', id: 'a1', metadata: {}, execution_count: null, outputs: [], source: 'const greeting: string = "hi";\nconsole.log(greeting);' },
        { cell_type: 'code', id: 'a2', metadata: {}, execution_count: null, outputs: [], source: 'greeting.length * 10' },
        { cell_type: 'code', id: 'a3', metadata: {}, execution_count: null, outputs: [], source: 'display.html("<i>rich</i>")' },
      ],
    };
    writeFileSync(join(dir, 'small.ipynb'), JSON.stringify(notebook));
    const result = spawnSync('jupyter', ['nbconvert', '--to', 'notebook', '--execute', '--output', 'executed.ipynb', join(dir, 'small.ipynb')], {
      cwd: dir,
      env,
      encoding: 'utf8',
      timeout: 120000,
    });
    expect(result.status, result.stderr).to.equal(0);
    const executed = JSON.parse(readFileSync(join(dir, 'executed.ipynb'), 'utf8')) as { cells: { outputs: Record<string, unknown>[] }[] };
    // nbformat stores multi-line strings as lists of lines.
    const text = (value: unknown) => [value].flat().join('');
    const stream = executed.cells[0].outputs[0];
    expect(stream).to.deep.include({ output_type: 'stream', name: 'stdout' });
    expect(text(stream.text)).to.equal('hi\n');
    expect(executed.cells[1].outputs[0].output_type).to.equal('execute_result');
    expect(text((executed.cells[1].outputs[0].data as Record<string, unknown>)['text/plain'])).to.equal('20');
    expect(text((executed.cells[2].outputs[0].data as Record<string, unknown>)['text/html'])).to.equal('<i>rich</i>');
  });

  it('runs a jupyter console session in tmux', async () => {
    const session = `tsdl-console-${process.pid}`;
    const tmux = (...args: string[]) => spawnSync('tmux', args, { env, encoding: 'utf8' });
    const screen = () => tmux('capture-pane', '-p', '-t', session).stdout;
    const waitFor = async (pattern: RegExp, timeoutMs = 30000) => {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        if (pattern.test(screen())) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`timed out waiting for ${pattern} on screen:\n${screen()}`);
    };
    const started = tmux('new-session', '-d', '-s', session, '-x', '120', '-y', '40', `jupyter console --kernel tsdl`);
    expect(started.status, started.stderr).to.equal(0);
    try {
      // Debian's jupyter_console 6.4.4 hangs when input arrives before its first prompt: wait for each In [n].
      await waitFor(/In \[1\]/);
      tmux('send-keys', '-t', session, 'const n = 6 * 7', 'Enter');
      await waitFor(/In \[2\]/);
      tmux('send-keys', '-t', session, 'n + 0.5', 'Enter');
      await waitFor(/Out\[2\]: 42\.5/);
      tmux('send-keys', '-t', session, 'console.log("from console")', 'Enter');
      await waitFor(/from console/);
      await waitFor(/In \[4\]/);
      // exit() sends IPython's ask_exit payload: the console shuts the kernel down and ends the session.
      tmux('send-keys', '-t', session, 'exit()', 'Enter');
      const deadline = Date.now() + 15000;
      while (Date.now() < deadline && tmux('has-session', '-t', session).status === 0) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(tmux('has-session', '-t', session).status, 'the console exited').to.not.equal(0);
    } finally {
      tmux('kill-session', '-t', session);
    }
  });
});
