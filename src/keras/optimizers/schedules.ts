// keras.optimizers.schedules: learning rates as a function of the optimizer step, given wherever a learning rate
// is (`optimizers.Adam({ learning_rate: schedules.ExponentialDecay(...) })`). Formulas as in Keras 3's
// keras/src/optimizers/schedules/learning_rate_schedule.py. Each schedule is callable, `schedule(step)`, as in Keras.
import { checkedOptions, Options } from '../options';

/**
 * Base class of the schedules: subclass it and define `call(step)` for a schedule of your own (Keras's `__call__`).
 * Instances are called as `schedule(step)` through the factories below, or with `schedule.call(step)`.
 */
export abstract class LearningRateSchedule {
  /** The learning rate at optimizer step `step` (0 for the first update). */
  abstract call(step: number): number;
  /** The schedule's arguments, as Keras's get_config gives them. */
  getConfig(): Record<string, unknown> {
    return {};
  }
  /** Keras's get_config(). */
  get_config(): Record<string, unknown> {
    return this.getConfig();
  }
}

/** A schedule that can also be called like a function: `schedule(step)`. */
export type CallableSchedule<S extends LearningRateSchedule = LearningRateSchedule> = S & ((step: number) => number);

/** The learning rate `value` (a number or a schedule) gives at `step`. */
export function rateAt(value: LearningRateSchedule, step: number): number {
  return value.call(step);
}

/** Whether `value` is a learning-rate schedule (`optimizers.schedules.*`), not a number. */
export function isSchedule(value: unknown): value is LearningRateSchedule {
  return value instanceof LearningRateSchedule;
}

function callableSchedule<S extends LearningRateSchedule>(schedule: S): CallableSchedule<S> {
  const fn = (step: number) => schedule.call(step);
  delete (fn as { name?: string }).name;
  delete (fn as { length?: number }).length;
  Object.setPrototypeOf(fn, schedule);
  return fn as unknown as CallableSchedule<S>;
}

/** Keras's positional arguments, or one options object (snake_case or camelCase), checked by name. */
function args(where: string, names: string[], required: string[], given: unknown[]): Options {
  let o: Options;
  if (given.length === 1 && typeof given[0] === 'object' && given[0] !== null && !Array.isArray(given[0])) {
    o = checkedOptions(where, given[0] as Options, [...names, 'name']);
  } else {
    if (given.length > names.length) throw new Error(`${where}: takes at most ${names.length} positional arguments (${names.join(', ')}), got ${given.length}.`);
    o = {};
    given.forEach((v, i) => {
      if (v !== undefined) o[names[i]] = v;
    });
  }
  for (const r of required) {
    if (o[r] === undefined) throw new Error(`${where}: missing required argument '${r.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())}'.`);
  }
  return o;
}

function positive(where: string, name: string, value: number): void {
  if (!(typeof value === 'number' && value > 0)) throw new Error(`${where}: argument \`${name}\` must be > 0. Received: ${name}=${String(value)}`);
}

/** What ExponentialDecay and InverseTimeDecay share: their arguments, and the step as a count of decay_steps. */
abstract class StepDecaySchedule extends LearningRateSchedule {
  constructor(
    name: string,
    readonly initialLearningRate: number,
    readonly decaySteps: number,
    readonly decayRate: number,
    readonly staircase = false,
  ) {
    super();
    positive(name, 'decay_steps', decaySteps);
  }
  /** `step / decay_steps`, floored when `staircase`. */
  protected progress(step: number): number {
    const p = step / this.decaySteps;
    return this.staircase ? Math.floor(p) : p;
  }
  override getConfig(): Record<string, unknown> {
    return { initial_learning_rate: this.initialLearningRate, decay_steps: this.decaySteps, decay_rate: this.decayRate, staircase: this.staircase };
  }
}

/** `initial_learning_rate * decay_rate ^ (step / decay_steps)`, the exponent floored when `staircase`. */
export class ExponentialDecaySchedule extends StepDecaySchedule {
  constructor(initialLearningRate: number, decaySteps: number, decayRate: number, staircase = false) {
    super('ExponentialDecay', initialLearningRate, decaySteps, decayRate, staircase);
  }
  call(step: number): number {
    return this.initialLearningRate * Math.pow(this.decayRate, this.progress(step));
  }
}

/** `values[0]` up to and including step `boundaries[0]`, `values[1]` up to `boundaries[1]`, ... the last value after. */
export class PiecewiseConstantDecaySchedule extends LearningRateSchedule {
  constructor(
    readonly boundaries: number[],
    readonly values: number[],
  ) {
    super();
    if (!Array.isArray(boundaries) || !Array.isArray(values) || boundaries.length !== values.length - 1) {
      throw new Error(
        'The length of boundaries should be 1 less than the length of values. ' +
          `Received: boundaries=[${String(boundaries)}] of length ${boundaries?.length}, and values=[${String(values)}] of length ${values?.length}.`,
      );
    }
  }
  call(step: number): number {
    for (let i = 0; i < this.boundaries.length; i++) if (step <= this.boundaries[i]) return this.values[i];
    return this.values[this.values.length - 1];
  }
  override getConfig(): Record<string, unknown> {
    return { boundaries: this.boundaries, values: this.values };
  }
}

/**
 * Cosine decay from `initial_learning_rate` (or, after a linear warmup of `warmup_steps` to `warmup_target`, from
 * `warmup_target`) down to `alpha` times that over `decay_steps`, then constant.
 */
export class CosineDecaySchedule extends LearningRateSchedule {
  constructor(
    readonly initialLearningRate: number,
    readonly decaySteps: number,
    readonly alpha = 0,
    readonly warmupTarget: number | null = null,
    readonly warmupSteps = 0,
  ) {
    super();
    positive('CosineDecay', 'decay_steps', decaySteps);
  }
  private decay(step: number, from: number): number {
    const cosine = 0.5 * (1 + Math.cos(Math.PI * (step / this.decaySteps)));
    return from * ((1 - this.alpha) * cosine + this.alpha);
  }
  call(step: number): number {
    if (this.warmupTarget === null) return this.decay(Math.min(step, this.decaySteps), this.initialLearningRate);
    const s = Math.min(step, this.decaySteps + this.warmupSteps);
    if (s < this.warmupSteps) return (this.warmupTarget - this.initialLearningRate) * (s / this.warmupSteps) + this.initialLearningRate;
    return this.decay(s - this.warmupSteps, this.warmupTarget);
  }
  override getConfig(): Record<string, unknown> {
    return { initial_learning_rate: this.initialLearningRate, decay_steps: this.decaySteps, alpha: this.alpha, warmup_target: this.warmupTarget, warmup_steps: this.warmupSteps };
  }
}

/** `initial_learning_rate / (1 + decay_rate * step / decay_steps)`, the ratio floored when `staircase`. */
export class InverseTimeDecaySchedule extends StepDecaySchedule {
  constructor(initialLearningRate: number, decaySteps: number, decayRate: number, staircase = false) {
    super('InverseTimeDecay', initialLearningRate, decaySteps, decayRate, staircase);
  }
  call(step: number): number {
    return this.initialLearningRate / (1 + this.decayRate * this.progress(step));
  }
}

/**
 * `schedules.ExponentialDecay(initial_learning_rate, decay_steps, decay_rate, staircase = false)`, positional or
 * `{ initial_learning_rate, decay_steps, decay_rate, staircase }`: `initial * decay_rate ^ (step / decay_steps)`.
 */
export function ExponentialDecay(...given: unknown[]): CallableSchedule<ExponentialDecaySchedule> {
  const o = args('schedules.ExponentialDecay', ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase'], ['initialLearningRate', 'decaySteps', 'decayRate'], given);
  return callableSchedule(new ExponentialDecaySchedule(o.initialLearningRate as number, o.decaySteps as number, o.decayRate as number, Boolean(o.staircase)));
}

/** `schedules.PiecewiseConstantDecay(boundaries, values)`: `values[i]` while `step <= boundaries[i]`, then the last. */
export function PiecewiseConstantDecay(...given: unknown[]): CallableSchedule<PiecewiseConstantDecaySchedule> {
  const o = args('schedules.PiecewiseConstantDecay', ['boundaries', 'values'], ['boundaries', 'values'], given);
  return callableSchedule(new PiecewiseConstantDecaySchedule(o.boundaries as number[], o.values as number[]));
}

/**
 * `schedules.CosineDecay(initial_learning_rate, decay_steps, alpha = 0, name, warmup_target = null, warmup_steps = 0)`,
 * positional or as options: a cosine from the initial rate (or the warmup target) down to `alpha` times it.
 */
export function CosineDecay(...given: unknown[]): CallableSchedule<CosineDecaySchedule> {
  const o = args('schedules.CosineDecay', ['initialLearningRate', 'decaySteps', 'alpha', 'name', 'warmupTarget', 'warmupSteps'], ['initialLearningRate', 'decaySteps'], given);
  return callableSchedule(
    new CosineDecaySchedule(o.initialLearningRate as number, o.decaySteps as number, (o.alpha as number | undefined) ?? 0, (o.warmupTarget as number | undefined) ?? null, (o.warmupSteps as number | undefined) ?? 0),
  );
}

/** `schedules.InverseTimeDecay(initial_learning_rate, decay_steps, decay_rate, staircase = false)`: `initial / (1 + decay_rate * step / decay_steps)`. */
export function InverseTimeDecay(...given: unknown[]): CallableSchedule<InverseTimeDecaySchedule> {
  const o = args('schedules.InverseTimeDecay', ['initialLearningRate', 'decaySteps', 'decayRate', 'staircase'], ['initialLearningRate', 'decaySteps', 'decayRate'], given);
  return callableSchedule(new InverseTimeDecaySchedule(o.initialLearningRate as number, o.decaySteps as number, o.decayRate as number, Boolean(o.staircase)));
}

/** A schedule as model.json stores it: Keras's class name and config. */
export interface SavedSchedule {
  className: string;
  config: Record<string, unknown>;
}

const FACTORIES: Record<string, (config: Options) => LearningRateSchedule> = {
  ExponentialDecay: (c) => ExponentialDecay(c),
  PiecewiseConstantDecay: (c) => PiecewiseConstantDecay(c),
  CosineDecay: (c) => CosineDecay(c),
  InverseTimeDecay: (c) => InverseTimeDecay(c),
};

/** A built-in schedule's saved form; null for a schedule of the user's own (it cannot be rebuilt from JSON). */
export function toSavedSchedule(schedule: LearningRateSchedule): SavedSchedule | null {
  const className = schedule.constructor.name.replace(/Schedule$/, '');
  if (!(className in FACTORIES) || schedule.constructor.name !== `${className}Schedule`) return null;
  const config = Object.fromEntries(Object.entries(schedule.getConfig()).filter(([, v]) => v !== null));
  return { className, config };
}

/** The schedule back from toSavedSchedule's form. */
export function fromSavedSchedule(saved: SavedSchedule): LearningRateSchedule {
  const make = FACTORIES[saved.className];
  if (!make) throw new Error(`Unknown learning rate schedule '${saved.className}'.`);
  return make(saved.config as Options);
}
