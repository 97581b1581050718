// tsdl under real Jupyter clients: the official jupyter_kernel_test suite (Debian's), and nbconvert --execute and
// jupyter console sessions in tmux, with Debian's jupyter_client 7 and the JupyterLab venv's 8. The kernelspec is the
// uninstalled checkout's, found through JUPYTER_PATH.
import { expect } from 'chai';
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { jupyterEnv } from '../helpers/jupyter-env';
import { jupyterVenvBin } from '../helpers/jupyter-venv';

describe('the official jupyter_kernel_test suite', function () {
  this.timeout(180000);

  it('passes: 12 tests, none skipped', () => {
    const result = spawnSync('/usr/bin/python3', ['-m', 'unittest', '-v', 'kernel_test_suite'], { cwd: __dirname, env: jupyterEnv(), encoding: 'utf8', timeout: 170000 });
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).to.equal(0);
    expect(output).to.match(/Ran 12 tests/);
    expect(output).to.match(/\nOK\s*$/);
    expect(output).not.to.match(/skipped/i);
  });
});

const INSTALLATIONS = [
  { name: "Debian's Jupyter (jupyter_client 7)", jupyter: () => '/usr/bin/jupyter', client: /^7\./ },
  { name: "the venv's Jupyter (jupyter_client 8)", jupyter: () => join(jupyterVenvBin(), 'jupyter'), client: /^8\./ },
];

for (const installation of INSTALLATIONS) describe(`Jupyter clients: ${installation.name}`, function () {
  this.timeout(180000);
  let env: NodeJS.ProcessEnv;
  let jupyter: string;

  before(() => {
    env = jupyterEnv();
    jupyter = installation.jupyter();
    const specs = JSON.parse(execFileSync(jupyter, ['kernelspec', 'list', '--json'], { env, encoding: 'utf8' })) as {
      kernelspecs: Record<string, { resource_dir: string }>;
    };
    expect(specs.kernelspecs, 'the uninstalled kernelspec is visible through JUPYTER_PATH').to.have.property('tsdl');
    const python = join(jupyter, '..', 'python3');
    const version = execFileSync(python, ['-c', 'import jupyter_client; print(jupyter_client.__version__)'], { encoding: 'utf8' });
    expect(version).to.match(installation.client);
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
    const result = spawnSync(jupyter, ['nbconvert', '--to', 'notebook', '--execute', '--output', 'executed.ipynb', join(dir, 'small.ipynb')], {
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
    const session = await ConsoleSession.start(env, jupyter);
    try {
      // Debian's jupyter_console 6.4.4 hangs when input arrives before its first prompt: wait for each In [n].
      await session.waitFor(/In \[1\]/);
      session.type('const n = 6 * 7');
      await session.waitFor(/In \[2\]/);
      session.type('n + 0.5');
      await session.waitFor(/Out\[2\]: 42\.5/);
      session.type('console.log("from console")');
      await session.waitFor(/from console/);
      await session.waitFor(/In \[4\]/);
      // exit() sends IPython's ask_exit payload: the console shuts the kernel down and ends the session.
      session.type('exit()');
      expect(await session.ended(15000), 'the console exited').to.equal(true);
    } finally {
      session.kill();
    }
  });

  it("shows every epoch's Keras line of a fit in jupyter console, which ignores display updates", async () => {
    const session = await ConsoleSession.start(env, jupyter);
    try {
      await session.waitFor(/In \[1\]/);
      session.type("const cx = tf.randomNormal([64, 4], 0, 1, 'float32', 3); const cm = models.Sequential([layers.Input({ shape: [4] }), layers.Dense(1)])");
      await session.waitFor(/In \[2\]/);
      session.type("cm.compile({ optimizer: 'adam', loss: 'mse' }); const h = await cm.fit(cx, cx.sum(1, true), { epochs: 3, batchSize: 8 })");
      await session.waitFor(/In \[3\]/, 60000);
      const screen = session.screen();
      const printed = screen
        .slice(screen.indexOf('\n', screen.indexOf('In [2]:')), screen.indexOf('In [3]'))
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0);
      // All a console shows of the live output is its first form, which stays true; then Keras's lines.
      expect(printed, screen).to.have.length(7);
      expect(printed[0], screen).to.equal('Training: 3 epochs, 8 steps each (64 samples, batch size 8)');
      for (let epoch = 1; epoch <= 3; epoch++) {
        expect(printed[2 * epoch - 1], screen).to.equal(`Epoch ${epoch}/3`);
        expect(printed[2 * epoch], screen).to.match(/^8\/8 \[={30}\] - \d+s \d+(?:ms|us)\/step - loss: \d+\.\d{4}$/);
      }
      expect(screen, 'no stale progress bar').not.to.match(/\b0\/8\b|ETA/);
    } finally {
      session.kill();
    }
  });
});

/** `jupyter console --kernel tsdl` in a detached tmux session, read through its screen. */
class ConsoleSession {
  private constructor(private readonly env: NodeJS.ProcessEnv, readonly name: string) {}

  static async start(env: NodeJS.ProcessEnv, jupyter: string): Promise<ConsoleSession> {
    const session = new ConsoleSession(env, `tsdl-console-${process.pid}-${Date.now()}`);
    const started = session.tmux('new-session', '-d', '-s', session.name, '-x', '200', '-y', '50', `${jupyter} console --kernel tsdl`);
    expect(started.status, started.stderr).to.equal(0);
    return session;
  }

  private tmux(...args: string[]) {
    return spawnSync('tmux', args, { env: this.env, encoding: 'utf8' });
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name).stdout;
  }

  /** Types a line and Enter. tmux reads a trailing `;` as its own command separator: end lines without one. */
  type(line: string): void {
    this.tmux('send-keys', '-t', this.name, '-l', line);
    this.tmux('send-keys', '-t', this.name, 'Enter');
  }

  async waitFor(pattern: RegExp, timeoutMs = 30000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (pattern.test(this.screen())) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`timed out waiting for ${pattern} on screen:\n${this.screen()}`);
  }

  /** Whether the session ended (the console exited) within `timeoutMs`. */
  async ended(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && this.tmux('has-session', '-t', this.name).status === 0) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return this.tmux('has-session', '-t', this.name).status !== 0;
  }

  kill(): void {
    this.tmux('kill-session', '-t', this.name);
  }
}
