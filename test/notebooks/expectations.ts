// What each example notebook must show once executed: the results its text promises the reader, not just "no error".
import { expect } from 'chai';
import { countMime, type ExecutedNotebook, printedNumber, visibleText } from './executed';

const PNG = 'image/png';
const VEGALITE = 'application/vnd.vegalite.v5+json';

/** The stream text that Output widgets captured, from the widget state nbclient saves in the notebook's metadata. */
function capturedText(notebook: ExecutedNotebook): string {
  const widgets = (notebook.metadata as { widgets?: Record<string, { state?: Record<string, { model_name: string; state: { outputs?: { text?: string }[] } }> }> }).widgets;
  const states = Object.values(widgets?.['application/vnd.jupyter.widget-state+json']?.state ?? {});
  return states.filter((s) => s.model_name === 'OutputModel').flatMap((s) => (s.state.outputs ?? []).map((o) => o.text ?? '')).join('');
}

export interface NotebookExpectation {
  file: string;
  check(notebook: ExecutedNotebook): void;
}

export const NOTEBOOKS: NotebookExpectation[] = [
  {
    file: '01-layers-and-models.ipynb',
    check(notebook) {
      const text = visibleText(notebook);
      expect(text).to.include('25120 parameters');
      expect(text, 'the incompatible shape is explained').to.match(/incompatible with (the )?layer.*784/);
      for (const name of ['two_branch', 'multi_head', 'inception_block']) expect(text).to.include(`Model: "${name}"`);
      expect(text).to.match(/digit head: \[ 3, 10 \]\s+even head: \[ 3, 1 \]/);
      expect(text, "plotModel's outline of the inception block").to.include('mixed (Concatenate) ← a_1x1, b_3x3, c_5x5, d_1x1');
      expect(countMime(notebook, PNG), 'three plotModel images').to.equal(3);
    },
  },
  {
    file: '02-losses-and-optimizers.ipynb',
    check(notebook) {
      const text = visibleText(notebook);
      expect(printedNumber(text, /validation accuracy/)).to.be.at.least(0.9);
      expect(printedNumber(text, /categorical_crossentropy:\s+accuracy/)).to.be.at.least(0.85);
      expect(printedNumber(text, /learned y =/)).to.be.closeTo(3, 0.2);
      expect(printedNumber(text, /·x \+/)).to.be.closeTo(2, 0.2);
      expect(printedNumber(text, /sequences decoded exactly:/)).to.be.at.least(80);
      expect(printedNumber(text, /Keras 3, losses\.ctc:\s+\[/), "Keras 2's and Keras 3's CTC on the same outputs").to.be.closeTo(printedNumber(text, /Keras 2, losses\.ctcBatchCost:\s+\[/), 1e-3);
      const finalLoss = (name: string) => printedNumber(text, new RegExp(`${name}\\s+loss [\\d.]+ →`));
      expect(finalLoss('Adam')).to.be.below(finalLoss('SGD'));
      expect(finalLoss('RMSprop')).to.be.below(finalLoss('SGD'));
      expect(countMime(notebook, VEGALITE), 'the binary history and the optimizers chart').to.equal(2);
    },
  },
  {
    file: '03-keras-workflow.ipynb',
    check(notebook) {
      const text = visibleText(notebook);
      expect(text).to.include('train images: [ 60000, 28, 28 ] int32');
      expect(text).to.match(/Total params: 25,450/);
      expect(printedNumber(text, /test accuracy:/), 'the book promises at least 0.9 on the test set').to.be.at.least(0.9);
      expect(countMime(notebook, VEGALITE), "fit's live chart").to.equal(1);
      expect(text, "fit's last epoch line, on stdout").to.match(/Epoch 10\/10\n+469\/469 \[={30}\] - .* - loss: [\d.]+ - accuracy: [\d.]+\n/);
      expect(text, "the live output's summary").to.match(/^Trained 10 epochs in [\d.:]+s?$/m);
    },
  },
  {
    file: '04-your-workstation.ipynb',
    check(notebook) {
      const text = visibleText(notebook);
      expect(text).to.match(/backend: (wasm|cpu|webgpu|tfjs-node|tfjs-node-gpu) — /);
      for (const id of ['tfjs-node-gpu', 'tfjs-node', 'webgpu', 'wasm', 'cpu']) expect(text).to.match(new RegExp(`^[✔ ] ${id}\\s`, 'm'));
      const row = /│\s*\d+\s*│\s*1024\s*│\s*([\d.]+)\s*│\s*([\d.]+)\s*│/.exec(text);
      expect(row, 'the 1024×1024 matMul timing row').to.not.equal(null);
      expect(Number(row?.[2])).to.be.above(0);
    },
  },
  {
    file: '05-convnet-mnist.ipynb',
    check(notebook) {
      const text = visibleText(notebook);
      expect(text).to.include('<32 images 28×28×1 in a 2×16 grid');
      expect(printedNumber(text, /test accuracy:/)).to.be.at.least(0.94);
      expect(text).to.match(/\d+ of 10000 test digits misclassified/);
      expect(countMime(notebook, PNG), 'two digit grids and the training chart').to.equal(3);
    },
  },
  {
    file: '06-lstm-sequences.ipynb',
    check(notebook) {
      const text = visibleText(notebook);
      const lstm = printedNumber(text, /mean absolute error: LSTM/);
      const baseline = printedNumber(text, /repeat-the-last-value baseline/);
      expect(lstm, 'the LSTM forecasts better than repeating the last value').to.be.below(baseline);
      expect(printedNumber(text, /test accuracy \(2,000 test digits\):/)).to.be.at.least(0.8);
      expect(text).to.include('<8 images 28×28×1 in a 1×8 grid');
    },
  },
  {
    file: '07-custom-layers-and-training.ipynb',
    check(notebook) {
      const text = visibleText(notebook);
      expect(text, 'a custom layer called on a concrete tensor').to.include('output shape: [ 2, 32 ]');
      expect(text, 'weights named by build()').to.include('simple_dense/kernel [784,32], simple_dense/bias [32]');
      expect(text, 'custom layers in summary(), by class name').to.match(/simple_dense_\d+ \(SimpleDens/);
      expect(text).to.include('Model: "residual_net"');
      const lossDrop = (label: string) => {
        const match = new RegExp(`${label}\\s*([\\d.]+) → ([\\d.]+)`).exec(text);
        expect(match, label).to.not.equal(null);
        return [Number(match?.[1]), Number(match?.[2])];
      };
      for (const label of ['Huber training loss:', 'custom loop: Huber loss']) {
        const [first, last] = lossDrop(label);
        expect(last, `${label} went down`).to.be.below(first * 0.7);
      }
      expect(text, 'the custom metric in the history, under its name').to.include('history keys: loss, within_quarter');
      expect(printedNumber(text, /learning rate after 40 epochs:/), 'ExponentialDecay: 0.02 halved every 10 epochs').to.be.closeTo(0.00125, 1e-6);
      expect(printedNumber(text, /LearningRateScheduler: epoch 1 [\d.]+, epoch 40/), '0.02 · 0.9^30').to.be.closeTo(0.02 * 0.9 ** 30, 1e-5);
      const huber = printedNumber(text, /mean absolute error on the curve: Huber/);
      expect(huber, 'the Huber loss resists the outliers').to.be.below(printedNumber(text, /, MSE/));
      expect(huber).to.be.below(0.08);
      expect(printedNumber(text, /custom loop:.*\n+mean absolute error on the curve:/), 'the custom loop learned the curve').to.be.below(0.1);
      expect(printedNumber(text, /within 0\.25 of the curve:/)).to.be.at.least(90);
      expect(text, 'loading without custom_objects says what is missing').to.include("without custom_objects: Unknown layer: 'SimpleDense'");
      expect(text).to.include('loaded layers: SimpleDense, SimpleDense, Dense');
      expect(printedNumber(text, /saved and the loaded model's predictions:/), 'loadModel with custom_objects').to.equal(0);
      expect(printedNumber(text, /original and the restored residual model:/), 'save_weights / load_weights').to.equal(0);
      expect(countMime(notebook, VEGALITE), 'the history and the fitted curves').to.equal(2);
    },
  },
  {
    file: '08-interactive-training.ipynb',
    check(notebook) {
      const text = visibleText(notebook);
      // Without a widget manager, each widget shows as its text form; the widget view is there for those with one.
      expect(text).to.include("IntSlider(value=32, description='units')");
      expect(countMime(notebook, 'application/vnd.jupyter.widget-view+json'), 'slider, controls, interact, two boxes').to.equal(5);
      expect(text, 'observe saw the change made in code').to.include('units: 32 → 64');
      expect(text, 'the training controls').to.match(/HBox\(children=\[Button\(description='Stop'\), ToggleButton\(value=false, description='Pause'\), FloatLogSlider\(value=0\.001, description='lr'\)/);
      expect(text, 'the slider moved after epoch 4 changed the rate of the next epochs').to.include('learning rate by epoch: 1e-3 1e-3 1e-3 1e-3 1e-4 1e-4 1e-4 1e-4');
      expect(text).to.match(/Epoch 5\/8\n+85\/85 \[={30}\] - .* - learning_rate: 1\.0000e-04/);
      expect(text).to.include('status: done');
      expect(printedNumber(text, /test accuracy:/)).to.be.at.least(0.85);
      // nbclient does what a widget manager does with an Output: what it captures goes into the widget's state, saved
      // in the notebook's metadata; tsdl run has no widget manager, and the outputs stay in the cell.
      expect(`${text}\n${capturedText(notebook)}`, "interact's first run").to.match(/digit \d, the model says \d \(p = [\d.]+\)/);
      expect(text, 'link').to.include('progress follows the slider: 20');
    },
  },
];
