// Data that must survive a kill -9: every history record that was acknowledged is read back intact, and a model
// saved in a loop is always loadable, with one consistent set of weights.
import { expect } from 'chai';
import { spawn } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { HistoryStore } from '../../src/server/history/history';
import { eventually, sleep } from './helpers';
import { resultText, startKernel, withKernel } from '../helpers/kernel';

/** Runs a history writer in a child process, kills it with SIGKILL mid-stream, and returns the lines it acknowledged. */
async function killWriterMidStream(dir: string, killAfterMs: number): Promise<number[]> {
  const script = `
    const { HistoryStore } = require(${JSON.stringify(join(__dirname, '../../src/server/history/history.ts'))});
    HistoryStore.open(${JSON.stringify(dir)}).then((store) => {
      const session = store.startSession();
      for (let line = 1; ; line++) {
        store.append(session, line, 'x'.repeat(64 * 1024) + ' line ' + line);
        process.stdout.write(line + '\\n');
      }
    });`;
  const child = spawn(process.execPath, ['-r', 'esbuild-register', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  await eventually(() => out.length > 0, 20000);
  await sleep(killAfterMs);
  child.kill('SIGKILL');
  await exited;
  return out.split('\n').filter((line) => /^\d+$/.test(line)).map(Number);
}

describe('reliability: data written safely', function () {
  this.timeout(120000);

  it('loses no acknowledged history record when the writer is killed mid-write', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsdl-history-kill-'));
    const acknowledged: number[][] = [];
    for (const delay of [50, 120, 200]) acknowledged.push(await killWriterMidStream(dir, delay));
    const store = await HistoryStore.open(dir);
    for (const [index, lines] of acknowledged.entries()) {
      const session = index + 1;
      const read = store.range(session, 1);
      expect(lines.length, `session ${session} wrote something`).to.be.above(0);
      expect(read.length, `session ${session}: every acknowledged line is there`).to.be.at.least(lines.length);
      for (const [, line, input] of read) expect(input).to.equal(`${'x'.repeat(64 * 1024)} line ${line}`);
    }
    // The file stays usable after torn records: a new session appends and reads back.
    const session = store.startSession();
    store.append(session, 1, 'after the kills');
    expect((await HistoryStore.open(dir)).range(session, 1)).to.deep.equal([[session, 1, 'after the kills']]);
  });

  it('always leaves a loadable model with one consistent set of weights when the kernel is killed mid-save', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsdl-save-kill-'));
    const target = join(dir, 'model');
    const env = { TSDL_HISTORY_DIR: mkdtempSync(join(tmpdir(), 'tsdl-save-history-')) };
    const build = `
      const model = models.Sequential([layers.Dense(512, { input_shape: [512] }), layers.Dense(512)]);
      const fillWeights = (k: number) => model.setWeights(model.getWeights().map((w) => tf.fill(w.shape, k)));
    `;
    for (const killAfterMs of [300, 700, 1100]) {
      const kernel = await startKernel({ env });
      await kernel.execute(`${build}; fillWeights(0); await model.save(${JSON.stringify(target)});`);
      // Saves version 1, 2, 3, ... in a loop until the kernel dies.
      kernel.sendRequest('shell', 'execute_request', {
        code: `for (let k = 1; ; k++) { fillWeights(k); await model.save(${JSON.stringify(target)}); }`,
        silent: false, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: true,
      });
      await sleep(killAfterMs);
      kernel.process.kill('SIGKILL');
      await kernel.exited;
      await kernel.shutdown();

      await withKernel({ env }, async (reader) => {
        const check = await reader.execute(`
          const loaded = await models.loadModel(${JSON.stringify(target)});
          const values = new Set(loaded.getWeights().flatMap((w) => Array.from(new Set(w.dataSync()))));
          JSON.stringify([...values])
        `);
        expect(check.reply.content.status, JSON.stringify(check.reply.content)).to.equal('ok');
        const values = JSON.parse(String(resultText(check)).slice(1, -1)) as number[];
        expect(values, `killed after ${killAfterMs} ms: one version throughout`).to.have.length(1);
        // model.json names a complete weights file; a kill between the commit and the clean-up may leave the
        // previous one beside it, never more.
        const named = (JSON.parse(readFileSync(join(target, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] }).weightsManifest[0].paths;
        const weights = readdirSync(target).filter((name) => name.startsWith('weights-') && !name.includes('.tmp-'));
        expect(weights).to.include(named[0]);
        expect(weights.length).to.be.at.most(2);
      });
    }
  });
});
