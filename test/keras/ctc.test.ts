// CTC against PyTorch's ctc_loss. The fixture comes from fixtures/ctc-reference.py; regenerate it with
// `/usr/bin/python3 test/keras/fixtures/ctc-reference.py` (Debian's python3-torch).
import { expect } from 'chai';
import * as fs from 'fs';
import * as path from 'path';
import { tf, layers, losses, models } from '../../src/keras';
import { useCpu } from '../helpers/cpu';

interface Case {
  y_pred: number[][][];
  labels: number[][];
  input_length: number[];
  label_length: number[];
  loss: number[];
  grad_y_pred: number[][][];
}

interface Keras3Case {
  logits: number[][][];
  labels: number[][];
  loss: number[];
  grad_logits: number[][][];
}

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'ctc-reference.json'), 'utf8')) as { cases: Case[]; keras3: Keras3Case[] };

function expectAllClose(actual: number[][][], wanted: number[][][], tolerance: number): void {
  wanted.forEach((seq, b) => seq.forEach((frame, t) => frame.forEach((v, k) => expect(actual[b][t][k]).to.be.closeTo(v, tolerance * Math.max(1, Math.abs(v))))));
}

/** The message a cell would show for `run()`. */
function errorOf(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('keras CTC', () => {
  useCpu();

  fixture.cases.forEach((c, i) => {
    it(`ctcBatchCost matches PyTorch's ctc_loss in value and gradient (case ${i})`, () => {
      const yPred = tf.tensor3d(c.y_pred);
      const yTrue = tf.tensor2d(c.labels);
      const inputLength = tf.tensor2d(c.input_length.map((v) => [v]));
      const labelLength = tf.tensor2d(c.label_length.map((v) => [v]));
      const loss = losses.ctcBatchCost(yTrue, yPred, inputLength, labelLength);
      expect(loss.shape).to.deep.equal([c.loss.length, 1]);
      const values = loss.dataSync();
      c.loss.forEach((v, b) => expect(values[b]).to.be.closeTo(v, 1e-4 * Math.max(1, Math.abs(v))));
      const grad = tf.grad((y: tf.Tensor) => tf.sum(losses.ctcBatchCost(yTrue, y, inputLength, labelLength)))(yPred);
      expectAllClose(grad.arraySync() as number[][][], c.grad_y_pred, 1e-3);
      tf.dispose([yPred, yTrue, inputLength, labelLength, loss, grad]);
    });
  });

  fixture.keras3.forEach((c, i) => {
    it(`losses.CTC() (Keras 3: logits, 0 as blank and padding) matches PyTorch's ctc_loss in value and gradient (case ${i})`, () => {
      const logits = tf.tensor3d(c.logits);
      const yTrue = tf.tensor2d(c.labels, undefined, 'int32');
      const loss = losses.CTC({ reduction: 'none' })(yTrue, logits);
      expect(loss.shape).to.deep.equal([c.loss.length]);
      const mean = c.loss.reduce((a, b) => a + b, 0) / c.loss.length;
      expect(losses.CTC()(yTrue, logits).dataSync()[0]).to.be.closeTo(mean, 1e-4 * mean);
      const values = loss.dataSync();
      c.loss.forEach((v, b) => expect(values[b]).to.be.closeTo(v, 1e-4 * Math.max(1, Math.abs(v))));
      const grad = tf.grad((y: tf.Tensor) => tf.sum(losses.ctc(yTrue, y)))(logits);
      expectAllClose(grad.arraySync() as number[][][], c.grad_logits, 1e-3);
      tf.dispose([logits, yTrue, loss, grad]);
    });
  });

  it("rejects labels in Keras 2's convention for Keras 3's CTC, naming the convention", () => {
    const logits = tf.zeros([2, 5, 4]);
    const padded = errorOf(() => losses.ctc(tf.tensor2d([[1, 2, -1], [3, -1, -1]]), logits));
    expect(padded.name).to.equal('ValueError');
    expect(padded.message).to.contain('y_true[0][2] is -1').and.contain('pad with 0').and.contain('losses.ctcBatchCost');
    const zeroAsClass = errorOf(() => losses.ctc(tf.tensor2d([[0, 2, 1], [3, 0, 0]]), logits));
    expect(zeroAsClass.message).to.contain('y_true[0][0] is 0').and.contain('0 is the blank and the padding');
    const outOfRange = errorOf(() => losses.ctc(tf.tensor2d([[4, 0, 0], [1, 0, 0]]), logits));
    expect(outOfRange.message).to.contain('ids run from 1 to 3');
    expect(errorOf(() => losses.ctc(tf.tensor1d([1, 2]), logits)).message).to.contain('Received: y_true.shape=(2,)');
    tf.dispose(logits);
  });

  it("rejects the blank or -1 as a label in Keras 2's ctcBatchCost, pointing at Keras 3's CTC", () => {
    const yPred = tf.softmax(tf.zeros([1, 5, 4]));
    const lengths = tf.tensor2d([[5]]);
    const blank = errorOf(() => losses.ctcBatchCost(tf.tensor2d([[1, 3]]), yPred, lengths, tf.tensor2d([[2]])));
    expect(blank.name).to.equal('ValueError');
    expect(blank.message).to.contain('label 3 at y_true[0][1]').and.contain('3 is the blank (the last class)').and.contain('losses.CTC()');
    const negative = errorOf(() => losses.ctcBatchCost(tf.tensor2d([[1, -1]]), yPred, lengths, tf.tensor2d([[2]])));
    expect(negative.message).to.contain('label -1 at y_true[0][1]');
    // Padding past label_length is never read, whatever it holds.
    expect(losses.ctcBatchCost(tf.tensor2d([[1, -1]]), yPred, lengths, tf.tensor2d([[1]])).shape).to.deep.equal([1, 1]);
    tf.dispose([yPred, lengths]);
  });

  it('warns once when y_pred looks like softmax output rather than logits', () => {
    const warnings: string[] = [];
    const original = console.warn;
    console.warn = (message: string) => warnings.push(message);
    const probabilities = tf.softmax(tf.randomNormal([2, 5, 4], 0, 1, 'float32', 2));
    try {
      losses.ctc(tf.tensor2d([[1, 2], [3, 0]]), tf.randomNormal([2, 5, 4], 0, 1, 'float32', 3));
      expect(warnings).to.deep.equal([]);
      losses.ctc(tf.tensor2d([[1, 2], [3, 0]]), probabilities);
      losses.ctc(tf.tensor2d([[1, 2], [3, 0]]), probabilities);
    } finally {
      console.warn = original;
    }
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('takes logits').and.contain('losses.ctcBatchCost');
  });

  it("trains a model compiled with loss: 'ctc' on logits and Keras 3's labels", async () => {
    const input = layers.Input({ shape: [6, 3] });
    const output = layers.TimeDistributed(layers.Dense(4))(input);
    const model = models.Model(input, output);
    model.compile({ optimizer: 'adam', loss: 'ctc' });
    const x = tf.randomNormal([8, 6, 3], 0, 1, 'float32', 5);
    const y = tf.tensor2d([[1, 2, 0], [2, 3, 3], [3, 0, 0], [1, 1, 2], [2, 1, 0], [3, 2, 1], [1, 3, 0], [2, 0, 0]]);
    const h = await model.fit(x, y, { epochs: 15, verbose: 0, batch_size: 8 });
    expect(h.history.loss[14]).to.be.lessThan(h.history.loss[0]);
    tf.dispose([x, y]);
  });
});
