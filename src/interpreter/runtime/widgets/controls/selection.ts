// Dropdown: one choice among labelled options. The frontend's model knows only the labels and the selected index;
// the values stay here, in the kernel, so they may be anything (numbers, functions, optimizers).
import { DescriptionWidget } from '../dom';
import { bool, int, nullable, sameValue, strings } from '../traits';
import { defineWidget } from '../widget';

/** Dropdown options: labels that are their own values, `[label, value]` pairs, or `{ label: value }`. */
export type SelectionOptions = readonly (string | number | readonly [string, unknown])[] | Record<string, unknown>;

function labelled(options: SelectionOptions): { labels: string[]; values: unknown[] } {
  if (Array.isArray(options)) {
    const pairs = options.map((option: unknown) =>
      Array.isArray(option) && option.length === 2 && typeof option[0] === 'string' ? [option[0], option[1]] : [String(option), option],
    );
    return { labels: pairs.map((p) => p[0] as string), values: pairs.map((p) => p[1]) };
  }
  if (typeof options === 'object' && options !== null) return { labels: Object.keys(options), values: Object.values(options) };
  throw new TypeError('Dropdown: options must be an array (of labels or [label, value] pairs) or an object { label: value }');
}

interface DropdownOptions {
  options?: SelectionOptions;
  value?: unknown;
  label?: string;
  index?: number | null;
  [key: string]: unknown;
}

/**
 * A drop-down list: `widgets.Dropdown({ options: ['adam', 'sgd'], value: 'adam', description: 'optimizer' })`, or
 * `{ options: { small: 16, large: 128 } }`. `value`, `label` and `index` follow the selection; observe `'value'`.
 */
export class Dropdown extends DescriptionWidget {
  declare index: number | null;
  declare disabled: boolean;
  private optionValues: unknown[];

  constructor(options: DropdownOptions = {}) {
    const { options: choices = [], value, label, index, ...rest } = options;
    const { labels, values } = labelled(choices);
    super(rest, { _options_labels: labels, index: Dropdown.initialIndex(labels, values, value, label, index) });
    this.optionValues = values;
    this.observe((change) => {
      this.notifyDerived('value', this.valueAt(change.old as number | null), this.valueAt(change.new as number | null));
      this.notifyDerived('label', this.labelAt(change.old as number | null), this.labelAt(change.new as number | null));
    }, 'index');
  }

  private static initialIndex(labels: string[], values: unknown[], value: unknown, label: unknown, index: unknown): number | null {
    if (index !== undefined) return index as number | null;
    if (value !== undefined) {
      const at = values.findIndex((v) => sameValue(v, value));
      if (at < 0) throw new RangeError(`Dropdown: value ${String(value)} is not one of the options`);
      return at;
    }
    if (label !== undefined) {
      const at = labels.indexOf(label as string);
      if (at < 0) throw new RangeError(`Dropdown: label ${String(label)} is not one of the options`);
      return at;
    }
    return labels.length > 0 ? 0 : null;
  }

  /** The selected option's value (undefined when nothing is selected). */
  get value(): unknown {
    return this.valueAt(this.index);
  }

  set value(value: unknown) {
    const at = this.optionValues.findIndex((v) => sameValue(v, value));
    if (at < 0) throw new RangeError(`Dropdown: value ${String(value)} is not one of the options`);
    this.index = at;
  }

  /** The selected option's label. */
  get label(): string | undefined {
    return this.labelAt(this.index);
  }

  set label(label: string | undefined) {
    const at = this.labels.indexOf(label as string);
    if (at < 0) throw new RangeError(`Dropdown: label ${String(label)} is not one of the options`);
    this.index = at;
  }

  /** The options' labels. */
  get labels(): string[] {
    return [...(this.get('_options_labels') as string[])];
  }

  /** The options as `[label, value]` pairs; setting it is setOptions. */
  get options(): [string, unknown][] {
    return this.labels.map((label, i) => [label, this.optionValues[i]]);
  }

  set options(options: SelectionOptions) {
    this.setOptions(options);
  }

  /** Replaces the options; the selection stays on the same value if it is still there, else moves to the first. */
  setOptions(options: SelectionOptions): this {
    const before = this.value;
    const { labels, values } = labelled(options);
    this.optionValues = values;
    const kept = values.findIndex((v) => sameValue(v, before));
    const oldIndex = this.index;
    this.setInternal({
      _options_labels: labels,
      index: kept >= 0 ? kept : labels.length > 0 ? 0 : null,
    });
    if (this.index === oldIndex) this.notifyDerived('value', before, this.value);
    return this;
  }

  override toString(): string {
    const description = this.description ? `, description='${this.description}'` : '';
    return `Dropdown(options=[${this.labels.map((l) => `'${l}'`).join(', ')}], value=${JSON.stringify(this.value) ?? String(this.value)}${description})`;
  }

  /** An index out of range (from a frontend) keeps the selection where it was; the frontend is told so. */
  protected override adjust(changes: Record<string, unknown>): Record<string, unknown> {
    const index = changes.index;
    const labels = (changes._options_labels ?? this.get('_options_labels')) as string[];
    if (typeof index === 'number' && index >= labels.length) return { ...changes, index: this.get('index') ?? null };
    return changes;
  }

  private valueAt(index: number | null): unknown {
    return index === null ? undefined : this.optionValues?.[index];
  }

  private labelAt(index: number | null): string | undefined {
    return index === null ? undefined : (this.get('_options_labels') as string[])[index];
  }
}
defineWidget(Dropdown, {
  model: 'DropdownModel',
  view: 'DropdownView',
  traits: { _options_labels: strings(), index: nullable(int(0)), disabled: bool(false) },
  options: ['options', 'value', 'label'],
});
