// The Keras-like API through the kernel, as a notebook uses it: the book's two-layer model, Sequential and
// functional, compiled and fitted with Keras's words; nothing leaks beyond the optimizer's slots.
import { expect } from 'chai';
import { resultText, useKernel } from '../helpers/kernel';

describe('kernel: the Keras-like API, preloaded', function () {
  this.timeout(120000);
  const kernel = useKernel();

  before(async () => {
    const data = await kernel().execute(
      'const x = tf.randomUniform([512, 784]); const labels = tf.randomUniform([512], 0, 10, "int32"); const y = utils.toCategorical(labels, 10);',
    );
    expect(data.reply.content.status, JSON.stringify(data.reply.content)).to.equal('ok');
  });

  const build = {
    Sequential: `models.Sequential([layers.Dense(32, { activation: 'relu', input_shape: [784] }), layers.Dense(10, { activation: 'softmax' })])`,
    functional: `(() => { const input = layers.Input({ shape: [784] }); const hidden = layers.Dense(32, { activation: 'relu' })(input); return models.Model({ inputs: input, outputs: layers.Dense(10, { activation: 'softmax' })(hidden) }); })()`,
  };

  for (const [kind, code] of Object.entries(build)) {
    it(`trains the ${kind} two-layer model as the book does, leaving no tensors behind`, async () => {
      const setup = await kernel().execute(`
        const model${kind} = ${code};
        model${kind}.compile({ optimizer: optimizers.RMSprop({ lr: 0.001 }), loss: 'mse', metrics: ['accuracy'] });
        model${kind}.countParams()`);
      expect(resultText(setup)).to.equal('25450');
      // One fit creates the optimizer's slots; the count after it is the baseline for a second round.
      const round = `await model${kind}.fit(x, y, { batch_size: 128, epochs: 10, verbose: 0 });
        tf.tidy(() => { model${kind}.predict(x); });
        await model${kind}.evaluate(x, y, { verbose: 0 });`;
      await kernel().execute(round);
      const outcome = await kernel().execute(`const before${kind} = tf.memory().numTensors;
        const history${kind} = await model${kind}.fit(x, y, { batch_size: 128, epochs: 10, verbose: 0 });
        const scores${kind} = await model${kind}.evaluate(x, y, { verbose: 0 });
        tf.dispose(model${kind}.predict(x));
        JSON.stringify({ leaked: tf.memory().numTensors - before${kind}, keys: Object.keys(history${kind}.history), epochs: history${kind}.epoch.length, scores: scores${kind} })`);
      expect(outcome.reply.content.status, JSON.stringify(outcome.reply.content)).to.equal('ok');
      const result = JSON.parse(String(resultText(outcome)).slice(1, -1)) as { leaked: number; keys: string[]; epochs: number; scores: number[] };
      expect(result.leaked).to.equal(0);
      expect(result.keys).to.deep.equal(['loss', 'accuracy']);
      expect(result.epochs).to.equal(10);
      expect(result.scores).to.have.length(2);
      for (const score of result.scores) expect(score).to.be.a('number');
    });
  }

  it('reports the backend it chose and why', async () => {
    const outcome = await kernel().execute('const info = utils.backendInfo(); [info.name, info.candidates.length, info.candidates.filter((c) => c.chosen).length]');
    expect(resultText(outcome)).to.match(/^\[ '(wasm|cpu|tensorflow)', 5, 1 \]$/);
    const banner = await kernel().request('shell', 'kernel_info_request', {});
    expect(banner.content.banner).to.match(/backend (wasm|cpu|tensorflow)/);
  });
});
