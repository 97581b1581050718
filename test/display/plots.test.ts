// utils.plotModel and utils.plotHistory outside the kernel: objects that display themselves through Deno's
// `Jupyter.display` protocol, capturing their input when made.
import { expect } from 'chai';
import { inspect } from 'util';
import * as tf from '@tensorflow/tfjs';
import { JUPYTER_DISPLAY, VEGALITE_MIME, type MimeBundle } from '../../src/display/render';
import { plotHistory, plotModel } from '../../src/keras/utils';
import { useCpu } from '../helpers/cpu';
import { twoBranch } from './models';

function bundleOf(value: unknown): Promise<MimeBundle> {
  return (value as { [JUPYTER_DISPLAY](): Promise<MimeBundle> })[JUPYTER_DISPLAY]();
}

describe('utils.plotModel and utils.plotHistory', () => {
  useCpu();

  it('draws a model as it was when plotted', async () => {
    const model = tf.sequential({ name: 'grows', layers: [tf.layers.dense({ units: 2, inputShape: [3], name: 'first' })] });
    const plot = plotModel(model, { show_shapes: true });
    model.add(tf.layers.dense({ units: 1, name: 'added_later' }));
    const bundle = await bundleOf(plot);
    expect(bundle['text/plain']).to.equal('first_input (InputLayer)\nfirst (Dense) ← first_input');
    expect(bundle['image/svg+xml']).to.include('output:');
    expect(await bundleOf(plot)).to.equal(bundle); // drawn once
    expect(inspect(plot)).to.equal('<plotModel grows: 2 layers>');
    expect(inspect(plotModel(twoBranch()))).to.equal('<plotModel two_branch: 7 layers>');
  });

  it('charts the chosen metrics of a history, and names the ones it has when asked for another', async () => {
    const history = { epoch: [0, 1], history: { loss: [1, 0.5], val_loss: [1.2, 0.8], acc: [0.5, 0.7] } };
    const plot = plotHistory(history, { metrics: ['loss'] });
    history.history.loss.push(0.25);
    history.epoch.push(2);
    const bundle = await bundleOf(plot);
    const rows = (bundle[VEGALITE_MIME] as { data: { values: { series: string }[] } }).data.values;
    expect(rows.map((r) => r.series)).to.deep.equal(['loss', 'loss', 'val_loss', 'val_loss']);
    expect(inspect(plot)).to.equal('<plotHistory 2 epochs: loss>');
    expect(() => plotHistory(history, { metrics: ['accuracy'] })).to.throw("utils.plotHistory: no metric 'accuracy' in this history; it has loss, acc");
    expect(() => plotHistory({ loss: [1] } as never)).to.throw('utils.plotHistory: expected the History that fit() returns');
  });
});
