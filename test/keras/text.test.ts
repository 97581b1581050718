import { expect } from 'chai';
import { tf, layers, models, setPresenter, summaryData, summaryText } from '../../src/keras';
import type { FitParams, KerasPresenter, Logs } from '../../src/keras';
import { TextProgress } from '../../src/keras/text/progbar';
import { useCpu } from '../helpers/cpu';
import { captureStdout } from '../helpers/stdout';

describe('keras text: summary and progress', () => {
  useCpu();

  it("summaryText reproduces Keras's Sequential layout", () => {
    const model = models.Sequential([layers.Dense(32, { activation: 'relu', input_shape: [784], name: 'dense' }), layers.Dense(10, { name: 'dense_1' })], { name: 'sequential' });
    const data = summaryData(model);
    expect(data.rows.map((r) => [r.layer, r.outputShape, r.params])).to.deep.equal([
      ['dense (Dense)', '(None, 32)', 25120],
      ['dense_1 (Dense)', '(None, 10)', 330],
    ]);
    expect(summaryText(data)).to.equal(
      [
        'Model: "sequential"',
        '_________________________________________________________________',
        ' Layer (type)                Output Shape              Param #   ',
        '=================================================================',
        ' dense (Dense)               (None, 32)                25120     ',
        '                                                                 ',
        ' dense_1 (Dense)             (None, 10)                330       ',
        '                                                                 ',
        '=================================================================',
        'Total params: 25,450 (99.41 KB)',
        'Trainable params: 25,450 (99.41 KB)',
        'Non-trainable params: 0 (0.00 Byte)',
        '_________________________________________________________________',
      ].join('\n'),
    );
  });

  it('summary shows "Connected to" for branching functional models', async () => {
    const a = layers.Input({ shape: [4], name: 'in_a' });
    const b = layers.Input({ shape: [4], name: 'in_b' });
    const model = models.Model({ inputs: [a, b], outputs: layers.concatenate([a, b], { name: 'cat' }), name: 'two' });
    const data = summaryData(model);
    expect(data.functional).to.equal(true);
    expect(data.rows[2]).to.deep.include({ layer: 'cat (Concatenate)', outputShape: '(None, 8)', connectedTo: ['in_a[0][0]', 'in_b[0][0]'] });
    expect(data.rows[0].outputShape).to.equal('(None, 4)');
    const { output: text } = await captureStdout(() => model.summary());
    // Keras 2's layout: one inbound tensor per line in the "Connected to" column.
    expect(text).to.match(/ cat \(Concatenate\) +\(None, 8\) +0 +in_a\[0\]\[0\] *\n +in_b\[0\]\[0\]/);
    expect(text.split('\n')[1]).to.have.length(98);
  });

  it('TextProgress redraws with \\r on a terminal and prints one line per epoch', () => {
    let out = '';
    let now = 0;
    const params: FitParams = { epochs: 2, initialEpoch: 0, steps: 2, samples: 64, batchSize: 32, metrics: ['loss'], verbose: 1, doValidation: false };
    const progress = new TextProgress(params, { write: (t) => void (out += t), dynamic: true }, () => now);
    progress.epochBegin(0);
    now = 1;
    progress.batchEnd(0, { loss: 1 });
    now = 2;
    progress.batchEnd(1, { loss: 0.5 });
    progress.epochEnd(0, { loss: 0.5 });
    expect(out).to.equal(
      'Epoch 1/2\n\r1/2 [==============>...............] - ETA: 1s - loss: 1.0000\r2/2 [==============================] - 2s 1s/step - loss: 0.5000' +
        '\r2/2 [==============================] - 2s 1s/step - loss: 0.5000\n',
    );
  });

  it('uses the installed presenter for summary and fit progress', async () => {
    const calls: string[] = [];
    const presenter: KerasPresenter = {
      summary: (model) => void calls.push(`summary ${model.name}`),
      fitProgress: (params) => {
        calls.push(`fit ${params.epochs} ${params.metrics.join(',')} ${params.doValidation}`);
        return {
          epochBegin: (e) => void calls.push(`begin ${e}`),
          batchEnd: (b) => void calls.push(`batch ${b}`),
          epochEnd: (e, logs: Logs) => void calls.push(`end ${e} ${Object.keys(logs).join(',')}`),
          trainEnd: () => void calls.push('done'),
        };
      },
    };
    setPresenter(presenter);
    try {
      const model = models.Sequential([layers.Dense(1, { input_shape: [2] })], { name: 'shown' });
      model.summary();
      model.compile({ loss: 'mse', metrics: ['mae'] });
      const x = tf.ones([4, 2]);
      await model.fit(x, [1, 2, 3, 4], { batch_size: 2, validation_split: 0.5 });
      x.dispose();
    } finally {
      setPresenter(null);
    }
    expect(calls).to.deep.equal(['summary shown', 'fit 1 loss,mae true', 'begin 0', 'batch 0', 'end 0 loss,mae,val_loss,val_mae', 'done']);
  });
});
