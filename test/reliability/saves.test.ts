// Saves that overlap (not awaited in onEpochEnd, or Promise.all) run in turn, so the folder always holds a
// model.json naming weights that exist, the last save's; a load waits for the saves queued before it; a save where
// nothing can be written says why and where.
import { expect } from 'chai';
import { mkdtempSync, readdirSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readOnlyFolder } from './helpers';
import { resultText, useKernel } from '../helpers/kernel';

function namedWeights(target: string): string {
  return (JSON.parse(readFileSync(join(target, 'model.json'), 'utf8')) as { weightsManifest: { paths: string[] }[] }).weightsManifest[0].paths[0];
}

describe('reliability: model saves', function () {
  this.timeout(60000);
  const kernel = useKernel();
  const dir = mkdtempSync(join(tmpdir(), 'tsdl-saves-'));

  before(async () => {
    const setup = await kernel().execute(`
      const model = models.Sequential([layers.Dense(64, { input_shape: [64] }), layers.Dense(8)]);
      model.compile({ optimizer: 'sgd', loss: 'mse' });
      const fillWeights = (k: number) => model.setWeights(model.getWeights().map((w) => tf.fill(w.shape, k)));
      const loadedValues = async (target: string) => {
        const loaded = await models.loadModel(target);
        return JSON.stringify([...new Set(loaded.getWeights().flatMap((w) => Array.from(w.dataSync())))]);
      };
    `);
    expect(setup.reply.content.status).to.equal('ok');
  });

  it('runs saves to one path started together in turn: the last one stays, and loads', async () => {
    const target = join(dir, 'together');
    const outcome = await kernel().execute(`
      const saves: Promise<unknown>[] = [];
      for (let k = 1; k <= 6; k++) { fillWeights(k); saves.push(model.save(${JSON.stringify(target)})); }
      await Promise.all(saves);
      await loadedValues(${JSON.stringify(target)})
    `);
    expect(outcome.reply.content.status, JSON.stringify(outcome.reply.content)).to.equal('ok');
    expect(resultText(outcome)).to.equal("'[6]'");
    expect(readdirSync(target).sort()).to.deep.equal(['model.json', namedWeights(target)].sort());
  });

  it('loads a whole save, never a half-removed one, while saves to the same path go on', async () => {
    // What an interrupted save loop leaves behind: saves that go on after the cell, while the next cell loads.
    const target = join(dir, 'in-flight');
    const outcome = await kernel().execute(`
      await model.save(${JSON.stringify(target)});
      let saving = true;
      const saver = (async () => { while (saving) await model.save(${JSON.stringify(target)}); })();
      const failures: string[] = [];
      for (let i = 0; i < 40; i++) {
        try { await models.loadModel(${JSON.stringify(target)}); } catch (error) { failures.push((error as Error).message); }
      }
      saving = false;
      await saver;
      failures
    `);
    expect(outcome.reply.content.status, JSON.stringify(outcome.reply.content)).to.equal('ok');
    expect(resultText(outcome), 'loads that failed').to.equal('[]');
  });

  it('keeps a loadable folder when onEpochEnd saves without awaiting', async () => {
    const target = join(dir, 'epochs');
    const outcome = await kernel().execute(`
      const pending: Promise<unknown>[] = [];
      const saver = callbacks.LambdaCallback({ onEpochEnd: () => { pending.push(model.save(${JSON.stringify(target)})); } });
      await model.fit(tf.ones([32, 64]), tf.ones([32, 8]), { epochs: 5, batchSize: 8, verbose: 0, callbacks: [saver] });
      await Promise.all(pending);
      const trained = JSON.stringify([...new Set(model.getWeights().flatMap((w) => Array.from(w.dataSync())))]);
      (await loadedValues(${JSON.stringify(target)})) === trained
    `);
    expect(outcome.reply.content.status, JSON.stringify(outcome.reply.content)).to.equal('ok');
    expect(resultText(outcome), 'the folder holds the last epoch').to.equal('true');
    expect(readdirSync(target).sort()).to.deep.equal(['model.json', namedWeights(target)].sort());
  });

  it('says what is wrong and where when nothing can be written there', async () => {
    const readOnly = join(readOnlyFolder(), 'tsdl-model', 'nested');
    const denied = await kernel().execute(`await model.save(${JSON.stringify(readOnly)})`);
    expect(denied.reply.content.status).to.equal('error');
    expect(denied.reply.content.evalue).to.match(
      new RegExp(`^model\\.save: cannot save to ${readOnly}: (EACCES: permission denied|EPERM: operation not permitted), mkdir '/`),
    );
    // Node's recursive mkdir never returns under /proc: one level at a time, it fails at once.
    const proc = await kernel().execute("await model.save('/proc/tsdl-model/nested')");
    expect(proc.reply.content.evalue).to.equal("model.save: cannot save to /proc/tsdl-model/nested: ENOENT: no such file or directory, mkdir '/proc/tsdl-model'");
    expect(resultText(await kernel().execute('model.predict(tf.ones([1, 64])).shape'))).to.equal('[ 1, 8 ]');
  });
});
