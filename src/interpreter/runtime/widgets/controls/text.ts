// Text controls: Text and Textarea (editable), Label and HTML (shown only).
import { DescriptionWidget, HTMLStyle, LabelStyle, styleTrait, TextStyle } from '../dom';
import { bool, int, nullable, str } from '../traits';
import { defineWidget } from '../widget';

/** A one-line text field: `widgets.Text({ value: 'mnist', description: 'data set' })`. */
export class Text extends DescriptionWidget {
  declare value: string;
  declare placeholder: string;
  declare disabled: boolean;
}
defineWidget(Text, {
  model: 'TextModel',
  view: 'TextView',
  traits: { value: str(''), placeholder: str('\u200b'), disabled: bool(false), continuous_update: bool(true), style: styleTrait(TextStyle) },
});

/** A text area of several lines: `widgets.Textarea({ value: '', rows: 5 })`. */
export class Textarea extends DescriptionWidget {
  declare value: string;
  declare placeholder: string;
  declare rows: number | null;
  declare disabled: boolean;
}
defineWidget(Textarea, {
  model: 'TextareaModel',
  view: 'TextareaView',
  traits: {
    value: str(''), placeholder: str('\u200b'), rows: nullable(int(0)), disabled: bool(false), continuous_update: bool(true),
    style: styleTrait(TextStyle),
  },
});

/** Plain text beside other controls: `widgets.Label({ value: 'epoch 3/10' })`. */
export class Label extends DescriptionWidget {
  declare value: string;
}
defineWidget(Label, {
  model: 'LabelModel',
  view: 'LabelView',
  traits: { value: str(''), placeholder: str('\u200b'), style: styleTrait(LabelStyle) },
});

/** An HTML fragment, updated in place by setting `value`: `widgets.HTML({ value: '<b>loss</b> 0.31' })`. */
export class HTML extends DescriptionWidget {
  declare value: string;
}
defineWidget(HTML, {
  model: 'HTMLModel',
  view: 'HTMLView',
  traits: { value: str(''), placeholder: str('\u200b'), style: styleTrait(HTMLStyle) },
});
