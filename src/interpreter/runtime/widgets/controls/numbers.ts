// Numeric controls: IntSlider, FloatSlider, FloatLogSlider, IntProgress and Play. Values stay within their bounds:
// one set outside is clamped (from a cell or a frontend), and moving a bound moves the value with it.
import { DescriptionWidget, ProgressStyle, SliderStyle, styleTrait } from '../dom';
import { bool, choice, float, int, nullable, str } from '../traits';
import { defineWidget } from '../widget';

const ORIENTATION = ['horizontal', 'vertical'] as const;
const BEHAVIOR = ['drag-tap', 'drag-snap', 'tap', 'drag', 'snap'] as const;
const BAR_STYLE = ['success', 'info', 'warning', 'danger', ''] as const;

/** The shared base of bounded numbers: `min <= value <= max`. */
export abstract class Bounded extends DescriptionWidget {
  declare value: number;
  declare min: number;
  declare max: number;

  protected override adjust(changes: Record<string, unknown>): Record<string, unknown> {
    const min = (changes.min ?? this.get('min')) as number;
    const max = (changes.max ?? this.get('max')) as number;
    if (min > max) throw new RangeError(`${this.constructor.name}: min (${min}) must not be above max (${max})`);
    const value = (changes.value ?? this.get('value')) as number;
    const clamped = Math.min(max, Math.max(min, value));
    return clamped === value ? changes : { ...changes, value: clamped };
  }
}

const SLIDER = {
  orientation: choice(ORIENTATION, 'horizontal'),
  readout: bool(true),
  continuous_update: bool(true),
  disabled: bool(false),
  behavior: choice(BEHAVIOR, 'drag-tap'),
  style: styleTrait(SliderStyle),
};

/** A slider of integers: `widgets.IntSlider({ value: 32, min: 8, max: 256, step: 8, description: 'units' })`. */
export class IntSlider extends Bounded {
  declare step: number;
  declare disabled: boolean;
}
defineWidget(IntSlider, {
  model: 'IntSliderModel',
  view: 'IntSliderView',
  traits: { value: int(0), min: int(0), max: int(100), step: int(1), readout_format: str('d'), ...SLIDER },
});

/** A slider of numbers: `widgets.FloatSlider({ value: 0.5, min: 0, max: 1, step: 0.05, description: 'dropout' })`. */
export class FloatSlider extends Bounded {
  declare step: number | null;
  declare disabled: boolean;
}
defineWidget(FloatSlider, {
  model: 'FloatSliderModel',
  view: 'FloatSliderView',
  traits: { value: float(0), min: float(0), max: float(100), step: nullable(float(0.1), 0.1), readout_format: str('.2f'), ...SLIDER },
});

/**
 * A slider on a log scale, for learning rates: `min` and `max` are exponents of `base`, `value` is the number itself:
 * `widgets.FloatLogSlider({ value: 1e-3, min: -5, max: -1, description: 'lr' })` spans 1e-5 to 1e-1.
 */
export class FloatLogSlider extends DescriptionWidget {
  declare value: number;
  declare min: number;
  declare max: number;
  declare base: number;
  declare step: number | null;
  declare disabled: boolean;

  protected override adjust(changes: Record<string, unknown>): Record<string, unknown> {
    const min = (changes.min ?? this.get('min')) as number;
    const max = (changes.max ?? this.get('max')) as number;
    const base = (changes.base ?? this.get('base')) as number;
    if (min > max) throw new RangeError(`FloatLogSlider: min (${min}) must not be above max (${max})`);
    const value = (changes.value ?? this.get('value')) as number;
    const clamped = Math.min(base ** max, Math.max(base ** min, value));
    return clamped === value ? changes : { ...changes, value: clamped };
  }
}
defineWidget(FloatLogSlider, {
  model: 'FloatLogSliderModel',
  view: 'FloatLogSliderView',
  traits: { value: float(1), min: float(0), max: float(4), base: float(10), step: nullable(float(0.1), 0.1), readout_format: str('.3g'), ...SLIDER },
});

/** A progress bar: `widgets.IntProgress({ value: 3, max: 10, description: 'epoch' })`. */
export class IntProgress extends Bounded {
  declare bar_style: string;
  declare barStyle: string;
}
defineWidget(IntProgress, {
  model: 'IntProgressModel',
  view: 'ProgressView',
  traits: {
    value: int(0), min: int(0), max: int(100), orientation: choice(ORIENTATION, 'horizontal'), bar_style: choice(BAR_STYLE, ''),
    style: styleTrait(ProgressStyle),
  },
});

/**
 * Play/pause/stop buttons that count `value` from `min` to `max`, one `step` every `interval` ms, in the browser:
 * link it to a slider (`widgets.jslink`) or observe its value.
 */
export class Play extends Bounded {
  declare step: number;
  declare interval: number;
  declare playing: boolean;
  declare repeat: boolean;
}
defineWidget(Play, {
  model: 'PlayModel',
  view: 'PlayView',
  traits: {
    value: int(0), min: int(0), max: int(100), step: int(1), interval: int(100), playing: bool(false), repeat: bool(false),
    show_repeat: bool(true), disabled: bool(false),
  },
});
