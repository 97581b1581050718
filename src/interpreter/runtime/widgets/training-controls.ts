// callbacks.TrainingControls: a Stop button, a Pause toggle and a learning-rate slider for a running fit(). fit
// gives the event loop a turn between batches, so the kernel handles their clicks while the model trains.
import type { Logs } from '../../../keras/presenter';
import { Button, ToggleButton } from './controls/buttons';
import { HBox } from './controls/boxes';
import { FloatLogSlider } from './controls/numbers';
import { Label } from './controls/text';
import { widgetHost } from './host';

/** What the controls use of the model being trained (the Keras-like model is one). */
interface ControlledModel {
  stopTraining: boolean;
  readonly optimizer: unknown;
}

interface WithRate {
  learningRate?: unknown;
  setLearningRate?: (lr: number) => void;
}

/** The optimizer's rate, or null when it has none (keras's optimizers/getLearningRate, without the bundle). */
function learningRate(optimizer: unknown): number | null {
  const lr = (optimizer as WithRate | null)?.learningRate;
  return typeof lr === 'number' ? lr : null;
}

/** tfjs's SGD caches its rate in a tensor, hence its setLearningRate where it exists (as keras's setLearningRate). */
function setRate(optimizer: unknown, lr: number): void {
  const o = optimizer as WithRate;
  if (typeof o.setLearningRate === 'function') o.setLearningRate(lr);
  else o.learningRate = lr;
}

export interface TrainingControlsOptions {
  /** The slider's range of learning rates, [min, max] (default: three decades each side of the optimizer's rate). */
  lrRange?: [number, number];
  lr_range?: [number, number];
  /** Whether fit() shows the controls in its cell (default true); false when you display `controls.widget` yourself. */
  display?: boolean;
}

/**
 * Controls for a running fit: `await model.fit(x, y, { epochs: 20, callbacks: [callbacks.TrainingControls()] })`.
 * Shown when training starts, in the cell of each fit (or wherever you display `controls.widget`, with `{ display:
 * false }`): **Stop** ends training after the current batch, keeping the weights; **Pause** holds training between
 * batches until pressed again; the **lr** slider sets the optimizer's learning rate from the next batch on, and each
 * epoch's logs report it as `learning_rate`.
 */
export class TrainingControls {
  /** Ends training after the current batch. */
  readonly stopButton: Button;
  /** Holds training between batches while down. */
  readonly pauseButton: ToggleButton;
  /** The optimizer's learning rate, on a log scale. */
  readonly lrSlider: FloatLogSlider;
  /** What training is doing: epoch, paused, stopped. */
  readonly status: Label;
  /** The controls in a row: display it to show them before training starts. */
  readonly widget: HBox;
  private model: ControlledModel | null = null;
  private readonly autoDisplay: boolean;
  /** The request (cell) in which fit() last showed the controls: shown once per cell. */
  private shownIn: string | null | undefined = undefined;
  private stoppedByButton = false;
  private epoch = 0;
  private resume: (() => void) | null = null;
  private readonly range: [number, number] | null;

  constructor(options: TrainingControlsOptions = {}) {
    const range = options.lrRange ?? options.lr_range ?? null;
    if (range !== null && !(Array.isArray(range) && range.length === 2 && range[0] > 0 && range[0] < range[1])) {
      throw new RangeError('TrainingControls: lrRange must be [min, max] with 0 < min < max');
    }
    this.range = range;
    this.autoDisplay = options.display !== false;
    this.stopButton = new Button({ description: 'Stop', button_style: 'danger', icon: 'stop', tooltip: 'Stop training after the current batch' });
    this.pauseButton = new ToggleButton({ description: 'Pause', icon: 'pause', tooltip: 'Hold training between batches' });
    this.lrSlider = new FloatLogSlider({ description: 'lr', min: -6, max: 0, value: 1e-3, step: 0.05, readout_format: '.2e', continuous_update: false });
    this.status = new Label({ value: 'waiting for fit()' });
    this.widget = new HBox([this.stopButton, this.pauseButton, this.lrSlider, this.status]);
    this.stopButton.onClick(() => this.stop());
    this.pauseButton.observe((change) => this.paused(change.new === true), 'value');
    this.lrSlider.observe((change) => this.rateChanged(change.new as number), 'value');
  }

  /** Ends training after the current batch, as the Stop button does. */
  stop(): void {
    if (!this.model) return;
    this.model.stopTraining = true;
    this.stoppedByButton = true;
    this.status.value = 'stopping after this batch…';
    this.resume?.();
  }

  /** @internal fit's callback protocol */
  setModel(model: ControlledModel): void {
    this.model = model;
  }

  /** @internal */
  onTrainBegin(): void {
    this.stoppedByButton = false;
    const lr = learningRate(this.model?.optimizer);
    if (lr !== null && lr > 0) {
      const [lo, hi] = this.range ?? [lr / 1000, Math.min(lr * 1000, 10)];
      this.lrSlider.setState({ min: Math.log10(Math.min(lo, lr)), max: Math.log10(Math.max(hi, lr)) });
      this.lrSlider.value = lr;
      this.lrSlider.disabled = false;
    } else {
      this.lrSlider.disabled = true;
    }
    this.stopButton.disabled = false;
    this.pauseButton.disabled = false;
    this.status.value = 'training';
    // Shown once its state is set (a client without widgets keeps the text form of this moment), once per cell: a
    // fit in a later cell shows them there too, every view staying in sync.
    const cell = widgetHost().currentMessageId();
    if (this.autoDisplay && this.shownIn !== cell) {
      this.shownIn = cell;
      widgetHost().display(this.widget);
    }
  }

  /** @internal */
  onEpochBegin(epoch: number): void {
    this.epoch = epoch;
    if (!this.pauseButton.value) this.status.value = `epoch ${epoch + 1}`;
  }

  /** @internal: while paused, training waits here, between batches. */
  onBatchEnd(): Promise<void> | void {
    if (!this.pauseButton.value || this.model?.stopTraining) return;
    this.status.value = `paused in epoch ${this.epoch + 1}`;
    return new Promise<void>((resolve) => {
      this.resume = () => {
        this.resume = null;
        resolve();
      };
    });
  }

  /** @internal */
  onEpochEnd(_epoch: number, logs?: Logs): void {
    const lr = learningRate(this.model?.optimizer);
    if (logs && lr !== null) logs.learning_rate = lr;
  }

  /** @internal */
  onTrainEnd(): void {
    this.resume?.();
    this.stopButton.disabled = true;
    this.pauseButton.disabled = true;
    this.status.value = this.stoppedByButton ? `stopped in epoch ${this.epoch + 1}` : 'done';
  }

  /** The row of controls, shown as a widget. */
  [Symbol.for('Jupyter.display')](): unknown {
    return (this.widget as unknown as Record<symbol, () => unknown>)[Symbol.for('Jupyter.display')]();
  }

  private paused(paused: boolean): void {
    if (!paused) {
      this.resume?.();
      if (this.model && !this.stopButton.disabled) this.status.value = `epoch ${this.epoch + 1}`;
    }
  }

  private rateChanged(lr: number): void {
    const optimizer = this.model?.optimizer;
    if (optimizer && learningRate(optimizer) !== null && learningRate(optimizer) !== lr) setRate(optimizer, lr);
  }
}
