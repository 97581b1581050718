// Keras's errors as a notebook user sees them: the traceback of a sample-count mismatch, a shape mismatch and a
// misspelt activation is the user's cell line and one ValueError in Keras's words, no TensorFlow.js frames.
import { expect } from 'chai';
import { resultText, useKernel, type ExecuteOutcome } from '../helpers/kernel';

function traceback(outcome: ExecuteOutcome): { ename: string; evalue: string; text: string } {
  const errors = outcome.outputs.filter((m) => m.header.msg_type === 'error');
  expect(errors, JSON.stringify(outcome.reply.content)).to.have.length(1);
  const content = errors[0].content as { ename: string; evalue: string; traceback: string[] };
  return { ename: content.ename, evalue: content.evalue, text: content.traceback.join('\n').replace(/\x1b\[[0-9;]*m/g, '') };
}

describe('kernel: Keras errors in the traceback', function () {
  this.timeout(120000);
  const kernel = useKernel();

  before(async () => {
    const setup = await kernel().execute(
      "const model = models.Sequential([layers.Dense(2, { input_shape: [4] })]);\nmodel.compile({ optimizer: 'sgd', loss: 'mse' });",
    );
    expect(setup.reply.content.status, JSON.stringify(setup.reply.content)).to.equal('ok');
  });

  it('100 inputs with 90 labels: Data cardinality is ambiguous, with both sizes, at the fit line', async () => {
    const outcome = await kernel().execute('const x = tf.zeros([100, 4]);\nawait model.fit(x, tf.zeros([90, 2]), { verbose: 0 });');
    const { ename, evalue, text } = traceback(outcome);
    expect(ename).to.equal('ValueError');
    expect(evalue).to.equal("Data cardinality is ambiguous. Make sure all arrays contain the same number of samples.\n'x' sizes: 100\n'y' sizes: 90");
    expect(text).to.match(/Cell In\[\d+\], line 2/);
    expect(text).to.include('await model.fit(x, tf.zeros([90, 2]), { verbose: 0 });');
    expect(text).not.to.match(/GatherV2|@tensorflow/);
  });

  it('a shape mismatch in predict: one ValueError naming the layer and both shapes, no TensorFlow.js frames', async () => {
    const outcome = await kernel().execute('model.predict(tf.zeros([3, 5]));');
    const { ename, evalue, text } = traceback(outcome);
    expect(ename).to.equal('ValueError');
    expect(evalue).to.match(/^Input 0 of layer "dense(_\d+)?" is incompatible with the layer: expected axis -1 of input shape to have value 4, but received input with shape \(3, 5\)$/);
    expect(text).to.include('model.predict(tf.zeros([3, 5]));');
    expect(text).not.to.include('@tensorflow');
    // TensorFlow.js's own error stays at hand for bug reports, folded above the traceback.
    const folded = outcome.outputs.filter((m) => m.header.msg_type === 'display_data');
    expect(folded).to.have.length(1);
    const data = (folded[0].content as { data: Record<string, string> }).data;
    expect(data['text/plain']).to.match(/^Caused by Error: Input 0 is incompatible with layer dense/);
    expect(data['text/html']).to.match(/^<details><summary>Caused by Error: Input 0 is incompatible .* \(\d+ frames\)<\/summary><pre>[^]*tfjs-layers[^]*<\/pre><\/details>$/);
  });

  it('an error of its own without a cause gets no folded section', async () => {
    const outcome = await kernel().execute("throw new RangeError('plain');");
    expect(outcome.outputs.filter((m) => m.header.msg_type === 'display_data')).to.deep.equal([]);
    expect(traceback(outcome).evalue).to.equal('plain');
  });

  it("a misspelt activation: Keras's words and a suggestion", async () => {
    const outcome = await kernel().execute("layers.Dense(3, { activation: 'rleu' });");
    const { ename, evalue } = traceback(outcome);
    expect(ename).to.equal('ValueError');
    expect(evalue).to.equal("layers.Dense: Could not interpret activation function identifier: 'rleu'. Did you mean 'relu'?");
  });

  it("merge shortcuts: tfjs's layers.concatenate() is the layer, Keras's concatenate([a, b]) merges, a wrong argument is said once", async () => {
    const ok = await kernel().execute(
      'const a = layers.Input({ shape: [3] }); const b = layers.Input({ shape: [2] });\nJSON.stringify([layers.concatenate()([a, b]).shape, layers.concatenate([a, b]).shape])',
    );
    expect(resultText(ok), JSON.stringify(ok.reply.content)).to.equal("'[[null,5],[null,5]]'");
    const wrong = traceback(await kernel().execute('layers.concatenate(a);'));
    expect(wrong.ename).to.equal('ValueError');
    expect(wrong.evalue).to.equal(
      'layers.concatenate: expected a list of tensors to merge, as in layers.concatenate([a, b]), or options to make the layer; got a single tensor.',
    );
    expect(wrong.text.split('expected a list of tensors').length - 1).to.equal(1);
  });
});
