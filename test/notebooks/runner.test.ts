// `tsdl run` when a notebook goes wrong: a cell that throws, a cell that never ends, bad arguments.
import { expect } from 'chai';
import { spawn, spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { codeCells, nbformatProblems, readNotebook } from './executed';

const TSDL = join(__dirname, '..', '..', 'bin', 'tsdl.js');

function notebookOf(cells: [type: 'code' | 'markdown', source: string][]): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map(([type, source], i) =>
      type === 'code'
        ? { cell_type: 'code', id: `c${i}`, metadata: {}, execution_count: 7, outputs: [{ output_type: 'stream', name: 'stdout', text: 'stale\n' }], source }
        : { cell_type: 'markdown', id: `c${i}`, metadata: {}, source },
    ),
  });
}

function tsdl(args: string[], timeoutMs = 60000) {
  const started = Date.now();
  const result = spawnSync(process.execPath, [TSDL, ...args], { encoding: 'utf8', timeout: timeoutMs });
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

describe('tsdl run: failures', function () {
  this.timeout(90000);
  const dir = mkdtempSync(join(tmpdir(), 'tsdl-runner-'));

  it('stops at a throwing cell: exit 1, names the cell, writes the outputs up to it', () => {
    const input = join(dir, 'throws.ipynb');
    writeFileSync(input, notebookOf([
      ['markdown', '# A notebook that fails'],
      ['code', 'console.log("before");\n6 * 7'],
      ['code', 'const n: number = 3;\nthrow new Error(`boom ${n}`);'],
      ['code', 'console.log("never");'],
    ]));
    // The output's folder does not exist yet: the runner makes it (npm start relies on that).
    const output = join(dir, 'nested', 'out', 'throws.ipynb');
    const result = tsdl(['run', input, '-o', output]);
    expect(result.status, result.stderr).to.equal(1);
    expect(result.stderr).to.include('tsdl run: cell 3 ("const n: number = 3;") failed: Error: boom 3');
    expect(result.stderr).to.include(`Executed notebook written to ${output}`);
    expect(nbformatProblems(output)).to.equal('');
    const [first, failing, after] = codeCells(readNotebook(output));
    expect(first.execution_count).to.equal(1);
    expect(first.outputs).to.deep.include({ output_type: 'stream', name: 'stdout', text: 'before\n' });
    expect(first.outputs?.some((o) => o.output_type === 'execute_result' && o.data?.['text/plain'] === '42')).to.equal(true);
    expect(failing.execution_count).to.equal(2);
    expect(failing.outputs?.map((o) => [o.output_type, o.ename, o.evalue])).to.deep.equal([['error', 'Error', 'boom 3']]);
    expect(after.execution_count, 'the cell after the failure did not run').to.equal(null);
    expect(after.outputs, 'and keeps no stale outputs from an earlier run').to.deep.equal([]);
  });

  it('interrupts a cell that outlives --timeout: non-zero exit, the interrupted cell keeps its output', () => {
    const input = join(dir, 'spins.ipynb');
    writeFileSync(input, notebookOf([
      ['code', 'let spins = 0;'],
      ['code', 'console.log("spinning");\nwhile (true) { spins++; }'],
      ['code', 'console.log("never");'],
    ]));
    const output = join(dir, 'spins.out.ipynb');
    const result = tsdl(['run', input, '--timeout', '3']);
    expect(result.status, result.stderr).to.equal(1);
    expect(result.stderr).to.include('tsdl run: cell 2 ("console.log(\\"spinning\\");") failed: the cell ran longer than --timeout 3 s and was interrupted');
    expect(result.seconds, 'interrupted promptly, not left to spin').to.be.below(30);
    const [, spinning, after] = codeCells(readNotebook(output));
    expect(spinning.outputs?.[0]).to.deep.include({ output_type: 'stream', text: 'spinning\n' });
    expect(spinning.outputs?.[1]).to.deep.include({ output_type: 'error', ename: 'InterruptError' });
    expect(after.execution_count).to.equal(null);
    expect(nbformatProblems(output)).to.equal('');
  });

  it('on Ctrl-C interrupts the kernel as jupyter_client does and reports the interrupted cell', async () => {
    const input = join(dir, 'ctrl-c.ipynb');
    writeFileSync(input, notebookOf([
      ['code', 'const kept = 1;'],
      ['code', 'console.log("waiting");\nawait new Promise(() => {});'],
      ['code', 'console.log("never");'],
    ]));
    const output = join(dir, 'ctrl-c.out.ipynb');
    // Ctrl-C in a terminal signals the foreground process group: here, tsdl run alone (its kernel has a session of
    // its own, as under Jupyter).
    const child = spawn(process.execPath, [TSDL, 'run', input, '-o', output], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const deadline = Date.now() + 30000;
    while (!stderr.includes('[2/3]') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, 500));
    child.kill('SIGINT');
    const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(status, stderr).to.equal(1);
    expect(stderr).to.include('tsdl run: cell 2 ("console.log(\\"waiting\\");") failed: interrupted by Ctrl-C');
    const [, waiting, after] = codeCells(readNotebook(output));
    expect(waiting.outputs?.[0]).to.deep.include({ output_type: 'stream', text: 'waiting\n' });
    expect(waiting.outputs?.[1]).to.deep.include({ output_type: 'error', ename: 'InterruptError' });
    expect(after.execution_count).to.equal(null);
  });

  it('fails at once, naming the cell, when the kernel dies under it', () => {
    const input = join(dir, 'dies.ipynb');
    writeFileSync(input, notebookOf([
      ['code', 'console.log("alive");'],
      ['code', "process.kill(process.pid, 'SIGKILL');"],
      ['code', 'console.log("never");'],
    ]));
    const output = join(dir, 'dies.out.ipynb');
    const result = tsdl(['run', input, '-o', output, '--timeout', '60']);
    expect(result.status, result.stderr).to.equal(1);
    expect(result.stderr).to.include('tsdl run: cell 2 ("process.kill(process.pid, \'SIGKILL\');") failed: the kernel died');
    expect(result.seconds, 'without waiting for --timeout').to.be.below(30);
    const [alive, killer] = codeCells(readNotebook(output));
    expect(alive.outputs).to.deep.include({ output_type: 'stream', name: 'stdout', text: 'alive\n' });
    expect(killer.execution_count).to.equal(null);
  });

  it('rejects bad arguments with a usage message and exit 2', () => {
    for (const args of [['run'], ['run', 'x.ipynb', '--timeout', 'soon'], ['run', 'x.ipynb', '--bogus']]) {
      const result = tsdl(args);
      expect(result.status, args.join(' ')).to.equal(2);
      expect(result.stderr).to.include('usage:');
    }
  });
});
