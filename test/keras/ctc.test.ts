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

const fixture = JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures', 'ctc-reference.json'), 'utf8')) as { cases: Case[] };

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
      const g = grad.arraySync() as number[][][];
      c.grad_y_pred.forEach((seq, b) => seq.forEach((frame, t) => frame.forEach((v, k) => expect(g[b][t][k]).to.be.closeTo(v, 1e-3 * Math.max(1, Math.abs(v))))));
      tf.dispose([yPred, yTrue, inputLength, labelLength, loss, grad]);
    });
  });

  it("trains a model compiled with loss: 'ctc'", async () => {
    const input = layers.Input({ shape: [6, 3] });
    const output = layers.TimeDistributed(layers.Dense(4, { activation: 'softmax' }))(input);
    const model = models.Model(input, output);
    model.compile({ optimizer: 'adam', loss: 'ctc' });
    const x = tf.randomNormal([8, 6, 3], 0, 1, 'float32', 5);
    const y = tf.tensor2d([[0, 1, -1], [1, 2, 2], [2, -1, -1], [0, 0, 1], [1, 0, -1], [2, 1, 0], [0, 2, -1], [1, -1, -1]]);
    const h = await model.fit(x, y, { epochs: 15, verbose: 0, batch_size: 8 });
    expect(h.history.loss[14]).to.be.lessThan(h.history.loss[0]);
    tf.dispose([x, y]);
  });
});
