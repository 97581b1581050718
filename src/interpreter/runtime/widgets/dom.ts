// What every visible control shares: a Layout (CSS of its box, @jupyter-widgets/base), a style model for its
// description and colours, and the DOMWidget and DescriptionWidget bases that reference them.
import { bool, nullable, str, strings, widgetRef, type Trait } from './traits';
import { defineWidget, Widget } from './widget';

const LAYOUT_KEYS = [
  'align_content', 'align_items', 'align_self', 'border_bottom', 'border_left', 'border_right', 'border_top', 'bottom',
  'display', 'flex', 'flex_flow', 'grid_area', 'grid_auto_columns', 'grid_auto_flow', 'grid_auto_rows', 'grid_column',
  'grid_gap', 'grid_row', 'grid_template_areas', 'grid_template_columns', 'grid_template_rows', 'height',
  'justify_content', 'justify_items', 'left', 'margin', 'max_height', 'max_width', 'min_height', 'min_width',
  'object_fit', 'object_position', 'order', 'overflow', 'padding', 'right', 'top', 'visibility', 'width',
] as const;

function nullableStrings(keys: readonly string[]): Record<string, Trait> {
  return Object.fromEntries(keys.map((key) => [key, nullable(str(''))]));
}

/** The CSS of a control's box: `{ width: '300px', margin: '0 8px' }` (snake_case or camelCase CSS names). */
export class Layout extends Widget {
  declare width: string | null;
  declare height: string | null;
  declare margin: string | null;
  declare padding: string | null;
  declare display: string | null;

  /** `border` (as in ipywidgets) sets the four sides at once: `{ border: '1px solid #ccc' }`. */
  constructor(options: object & { border?: string | null } = {}) {
    const { border, ...rest } = options;
    const sides = border === undefined ? {} : { border_top: border, border_right: border, border_bottom: border, border_left: border };
    super({ ...rest, ...sides });
  }

  /** The border of all four sides, or null when they differ. */
  get border(): string | null {
    const sides = ['border_top', 'border_right', 'border_bottom', 'border_left'].map((side) => this.get(side));
    return sides.every((side) => side === sides[0]) ? (sides[0] as string | null) : null;
  }

  set border(border: string | null) {
    this.setState({ border_top: border, border_right: border, border_bottom: border, border_left: border });
  }
}
defineWidget(Layout, { model: 'LayoutModel', module: 'base', view: 'LayoutView', traits: nullableStrings(LAYOUT_KEYS), options: ['border'], repr: ['width', 'height'] });

/** The base of style models: their view is @jupyter-widgets/base's StyleView. */
export abstract class Style extends Widget {}
defineWidget(Style, { view: 'StyleView', viewModule: 'base' });

/** The width of a control's description: `{ description_width: 'initial' }` shows it whole. */
export class DescriptionStyle extends Style {}
defineWidget(DescriptionStyle, { model: 'DescriptionStyleModel', traits: { description_width: str('') } });

/** A slider's description width and handle colour. */
export class SliderStyle extends Style {}
defineWidget(SliderStyle, { model: 'SliderStyleModel', traits: { description_width: str(''), handle_color: nullable(str('')) } });

/** A progress bar's description width and bar colour. */
export class ProgressStyle extends Style {}
defineWidget(ProgressStyle, { model: 'ProgressStyleModel', traits: { description_width: str(''), bar_color: nullable(str('')) } });

const FONT = ['font_family', 'font_size', 'font_style', 'font_variant', 'font_weight', 'text_color', 'text_decoration'];

/** A button's colour and font. */
export class ButtonStyle extends Style {}
defineWidget(ButtonStyle, { model: 'ButtonStyleModel', traits: { button_color: nullable(str('')), ...nullableStrings(FONT) } });

/** A toggle button's description width and font. */
export class ToggleButtonStyle extends Style {}
defineWidget(ToggleButtonStyle, { model: 'ToggleButtonStyleModel', traits: { description_width: str(''), ...nullableStrings(FONT) } });

/** A checkbox's description width and background. */
export class CheckboxStyle extends Style {}
defineWidget(CheckboxStyle, { model: 'CheckboxStyleModel', traits: { description_width: str(''), background: nullable(str('')) } });

/** A text field's description width, background, font size and colour. */
export class TextStyle extends Style {}
defineWidget(TextStyle, { model: 'TextStyleModel', traits: { description_width: str(''), ...nullableStrings(['background', 'font_size', 'text_color']) } });

/** An HTML widget's description width, background, font size and colour. */
export class HTMLStyle extends Style {}
defineWidget(HTMLStyle, { model: 'HTMLStyleModel', traits: { description_width: str(''), ...nullableStrings(['background', 'font_size', 'text_color']) } });

/** A label's description width, background and font. */
export class LabelStyle extends Style {}
defineWidget(LabelStyle, { model: 'LabelStyleModel', traits: { description_width: str(''), ...nullableStrings(['background', ...FONT]) } });

/** The style trait of a control whose style model is `cls`: a default one per control, or options for one. */
export function styleTrait<S extends Style>(cls: new (options?: object) => S): Trait<S> {
  return widgetRef((options) => new cls(options));
}

/** The base of widgets with a view in the page: its layout, CSS classes, tooltip. */
export abstract class DOMWidget extends Widget {
  declare layout: Layout;
  declare tooltip: string | null;
}
defineWidget(DOMWidget, {
  traits: {
    _dom_classes: strings(),
    layout: widgetRef((options) => new Layout(options)),
    tabbable: nullable(bool(false)),
    tooltip: nullable(str('')),
  },
});

/** The base of controls with a description (the label beside them) and a style. */
export abstract class DescriptionWidget extends DOMWidget {
  declare description: string;
  declare style: Style;
}
defineWidget(DescriptionWidget, {
  traits: { description: str(''), description_allow_html: bool(false), style: styleTrait(DescriptionStyle) },
  repr: ['value', 'description'],
});
