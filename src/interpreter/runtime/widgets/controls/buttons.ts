// Controls that are pressed or ticked: Button (click handlers), ToggleButton and Checkbox (a boolean value).
import { ButtonStyle, CheckboxStyle, DescriptionWidget, DOMWidget, styleTrait, ToggleButtonStyle } from '../dom';
import { bool, choice, str } from '../traits';
import { defineWidget } from '../widget';

const BUTTON_STYLE = ['primary', 'success', 'info', 'warning', 'danger', ''] as const;

type ClickHandler = (button: Button) => void | Promise<void>;

/**
 * A button: `widgets.Button({ description: 'Stop', button_style: 'danger', icon: 'stop', onClick: () => ... })`.
 * Handlers run when it is clicked, even while a cell (a fit) is running.
 */
export class Button extends DOMWidget {
  declare description: string;
  declare disabled: boolean;
  declare icon: string;
  declare button_style: string;
  declare buttonStyle: string;
  private clickHandlers: ClickHandler[] = [];

  constructor(options: Record<string, unknown> & { onClick?: ClickHandler } = {}) {
    super(options);
    if (options.onClick !== undefined) this.onClick(options.onClick);
    this.onCustom((content) => {
      if (typeof content === 'object' && content !== null && (content as { event?: unknown }).event === 'click') this.click();
    });
  }

  /** Calls `handler(button)` on every click (remove it with `onClick(handler, { remove: true })`). */
  onClick(handler: ClickHandler, options: { remove?: boolean } = {}): this {
    if (typeof handler !== 'function') throw new TypeError('Button.onClick: the handler must be a function');
    if (options.remove) this.clickHandlers = this.clickHandlers.filter((h) => h !== handler);
    else this.clickHandlers.push(handler);
    return this;
  }

  /** Runs the click handlers, as a click in the page does. */
  click(): void {
    for (const handler of [...this.clickHandlers]) this.callUser('Button click handler', () => handler(this));
  }
}
defineWidget(Button, {
  model: 'ButtonModel',
  view: 'ButtonView',
  traits: {
    description: str(''), disabled: bool(false), icon: str(''), button_style: choice(BUTTON_STYLE, ''), style: styleTrait(ButtonStyle),
  },
  options: ['onClick'],
  repr: ['description'],
});

/** A button that stays down or up: `widgets.ToggleButton({ value: false, description: 'Pause', icon: 'pause' })`. */
export class ToggleButton extends DescriptionWidget {
  declare value: boolean;
  declare disabled: boolean;
  declare icon: string;
  declare button_style: string;
  declare buttonStyle: string;
}
defineWidget(ToggleButton, {
  model: 'ToggleButtonModel',
  view: 'ToggleButtonView',
  traits: {
    value: bool(false), disabled: bool(false), icon: str(''), button_style: choice(BUTTON_STYLE, ''), style: styleTrait(ToggleButtonStyle),
  },
});

/** A check box: `widgets.Checkbox({ value: true, description: 'shuffle' })`. */
export class Checkbox extends DescriptionWidget {
  declare value: boolean;
  declare disabled: boolean;
  declare indent: boolean;
}
defineWidget(Checkbox, {
  model: 'CheckboxModel',
  view: 'CheckboxView',
  traits: { value: bool(false), disabled: bool(false), indent: bool(true), style: styleTrait(CheckboxStyle) },
});
