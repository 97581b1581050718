// interact and interactive: controls inferred from a description of a function's arguments, as ipywidgets infers
// them, and an Output that shows what the function prints, displays or returns, redrawn on every change.
import { Checkbox } from './controls/buttons';
import { VBox } from './controls/boxes';
import { FloatLogSlider, FloatSlider, IntSlider } from './controls/numbers';
import { Dropdown } from './controls/selection';
import { Text } from './controls/text';
import { widgetHost } from './host';
import { Output } from './output';
import { Widget } from './widget';

/** A value handed to the function as it is, with no control: `{ model: widgets.fixed(model) }`. */
export class Fixed<T = unknown> {
  constructor(readonly value: T) {}
}

/** Passes `value` to an interact function unchanged, without a control. */
export function fixed<T>(value: T): Fixed<T> {
  return new Fixed(value);
}

/**
 * How one argument is given: a number (a slider around it), `[min, max]` or `[min, max, step]` (a slider; integers
 * give an IntSlider, a positive range over three decades or more a FloatLogSlider), a boolean (a Checkbox), a string
 * (a Text), an array of strings or an object `{ label: value }` (a Dropdown), a widget (used as it is), or fixed(v).
 */
export type Abbreviation = number | boolean | string | readonly unknown[] | Record<string, unknown> | Widget | Fixed;

function isInt(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n);
}

/** ipywidgets' range around a single number: [-v, 3v] for a positive one, [3v, -v] for a negative one. */
function around(value: number): [number, number] {
  if (value > 0) return [-value, 3 * value];
  if (value < 0) return [3 * value, -value];
  return [0, 1];
}

function slider(name: string, min: number, max: number, step: number | undefined, value: number | undefined): Widget {
  if (!(min <= max)) throw new RangeError(`interact: ${name}: min ${min} is above max ${max}`);
  if (isInt(min) && isInt(max) && (step === undefined || isInt(step)) && (value === undefined || isInt(value))) {
    return new IntSlider({ min, max, step: step ?? 1, value: value ?? Math.round((min + max) / 2), description: name });
  }
  if (step === undefined && min > 0 && max / min >= 1000) {
    const [lo, hi] = [Math.log10(min), Math.log10(max)];
    return new FloatLogSlider({ min: lo, max: hi, step: (hi - lo) / 100, value: value ?? 10 ** ((lo + hi) / 2), description: name });
  }
  const chosenStep = step ?? (max - min) / 100;
  return new FloatSlider({ min, max, step: chosenStep, value: value ?? min + Math.round((max - min) / 2 / chosenStep) * chosenStep, description: name, readout_format: '.3g' });
}

/** The control for one argument (see Abbreviation); null for a fixed value. */
export function controlFor(name: string, spec: Abbreviation): Widget | null {
  if (spec instanceof Fixed) return null;
  if (spec instanceof Widget) return spec;
  if (typeof spec === 'boolean') return new Checkbox({ value: spec, description: name });
  if (typeof spec === 'string') return new Text({ value: spec, description: name });
  if (typeof spec === 'number') {
    const [min, max] = around(spec);
    return slider(name, min, max, undefined, spec);
  }
  if (Array.isArray(spec)) {
    if ((spec.length === 2 || spec.length === 3) && spec.every((n) => typeof n === 'number')) {
      const [min, max, step] = spec as number[];
      return slider(name, min, max, step, undefined);
    }
    return new Dropdown({ options: spec as string[], description: name });
  }
  if (typeof spec === 'object' && spec !== null) return new Dropdown({ options: spec as Record<string, unknown>, description: name });
  throw new TypeError(`interact: no control for ${name}: ${String(spec)}`);
}

/** The current values of an interactive's controls and fixed values, by argument name. */
export type Values = Record<string, unknown>;

/**
 * A VBox of the controls and an Output, with `fn(values)` run in the Output now and after every change: what it
 * prints or displays shows there, and so does its result unless undefined.
 */
export class Interactive extends VBox {
  /** The control of each argument. */
  declare controls: Record<string, Widget>;
  /** Where the function's outputs go. */
  declare output: Output;
  /** What the function returned last time (a promise, for an async function). */
  declare result: unknown;
  private declare fixedValues: Values;
  private declare fn: (values: Values) => unknown;

  constructor(fn: (values: Values) => unknown, spec: Record<string, Abbreviation>) {
    if (typeof fn !== 'function') throw new TypeError('widgets.interact: the first argument must be a function of { name: value }');
    if (typeof spec !== 'object' || spec === null) throw new TypeError("widgets.interact: the second argument describes the function's arguments, e.g. { units: [8, 128] }");
    const controls: Record<string, Widget> = {};
    const fixedValues: Values = {};
    for (const [name, abbreviation] of Object.entries(spec)) {
      const control = controlFor(name, abbreviation);
      if (control) controls[name] = control;
      else fixedValues[name] = (abbreviation as Fixed).value;
    }
    const output = new Output();
    super([...Object.values(controls), output]);
    this.controls = controls;
    this.output = output;
    this.fixedValues = fixedValues;
    this.fn = fn;
    for (const control of Object.values(controls)) control.observe(() => this.update(), 'value');
    this.update();
  }

  /** The arguments as the function gets them now. */
  values(): Values {
    const values: Values = { ...this.fixedValues };
    // Read as properties: a Dropdown's value lives in the kernel, not in its state.
    for (const [name, control] of Object.entries(this.controls)) values[name] = (control as unknown as { value: unknown }).value;
    return values;
  }

  /** Runs the function again (as a change does): clears the Output, then shows the new outputs in it. */
  update(): void {
    this.output.clear({ wait: true });
    try {
      this.result = this.output.capture(() => {
        const result = this.fn(this.values());
        if (result instanceof Promise) {
          return result.then((value: unknown) => {
            if (value !== undefined) widgetHost().display(value);
            return value;
          });
        }
        if (result !== undefined) widgetHost().display(result);
        return result;
      });
      if (this.result instanceof Promise) this.result.catch((error: unknown) => this.output.capture(() => widgetHost().reportError('interact', error)));
    } catch (error) {
      this.output.capture(() => widgetHost().reportError('interact', error));
    }
  }

  override toString(): string {
    return `interactive(${Object.keys(this.controls).join(', ')})`;
  }
}

/** The controls and the Output as one widget, not shown yet: display it, or make it a cell's last value. */
export function interactive(fn: (values: Values) => unknown, spec: Record<string, Abbreviation>): Interactive {
  return new Interactive(fn, spec);
}

/**
 * Shows controls for `fn`'s arguments and runs `fn(values)` on every change, its outputs in place below them:
 * `widgets.interact(({ units, lr }) => ..., { units: [8, 128, 8], lr: [1e-4, 1e-1] })`. Returns nothing (use
 * interactive() for the widget itself).
 */
export function interact(fn: (values: Values) => unknown, spec: Record<string, Abbreviation>): void {
  widgetHost().display(interactive(fn, spec));
}
