// The preloaded `widgets` namespace: each control under its ipywidgets name, callable with or without `new`
// (`widgets.IntSlider({ max: 10 })`), plus link, dlink, jslink, interact, interactive and fixed. Each name carries
// its documentation as a string, which help() and inspection (Shift+Tab) show in the notebook.
import { Button, Checkbox, ToggleButton } from './controls/buttons';
import { Box, HBox, Tab, VBox } from './controls/boxes';
import { Image } from './controls/media';
import { FloatLogSlider, FloatSlider, IntProgress, IntSlider, Play } from './controls/numbers';
import { Dropdown } from './controls/selection';
import { HTML, Label, Text, Textarea } from './controls/text';
import { Layout } from './dom';
import { fixed, interact, interactive } from './interact';
import { dlink, jslink, link } from './link';
import { Output } from './output';
import { TrainingControls } from './training-controls';
import { Widget } from './widget';

/** Where help() finds a preloaded function's documentation (see introspection/inspect.ts). */
const DOC = Symbol.for('tsdl.doc');

/** `fn` with its documentation attached. */
function documented<F extends Function>(fn: F, doc: string): F {
  Object.defineProperty(fn, DOC, { value: doc });
  return fn;
}

type Factory<A extends unknown[], T> = { (...args: A): T; new (...args: A): T };

/**
 * `cls` as a function that also works with `new` and for `instanceof`, documented. Its parameters are named as the
 * class's (`options`, or a box's `children, options`), which is what help() shows as its signature.
 */
export function callable<A extends unknown[], T>(cls: new (...args: A) => T, doc: string): Factory<A, T> {
  const make = cls.prototype instanceof Box
    ? function (children?: unknown, options?: unknown): T {
        return new cls(...([children, options] as A));
      }
    : function (options?: unknown): T {
        return new cls(...([options] as A));
      };
  Object.defineProperty(make, 'name', { value: cls.name });
  make.prototype = cls.prototype;
  return documented(make, doc) as unknown as Factory<A, T>;
}

/** Jupyter widgets (ipywidgets' protocol): controls that stay live while a cell, even fit(), runs. */
export const widgets = {
  IntSlider: callable(IntSlider, "A slider of integers: widgets.IntSlider({ value: 32, min: 8, max: 128, step: 8, description: 'units' }). Observe it with .observe(fn, 'value')."),
  FloatSlider: callable(FloatSlider, "A slider of numbers: widgets.FloatSlider({ value: 0.5, min: 0, max: 1, step: 0.05, description: 'dropout' })."),
  FloatLogSlider: callable(FloatLogSlider, "A log-scale slider; min and max are exponents of base (10): widgets.FloatLogSlider({ value: 1e-3, min: -5, max: -1, description: 'lr' })."),
  IntProgress: callable(IntProgress, "A progress bar: widgets.IntProgress({ value: 3, max: 10, description: 'epoch', bar_style: 'info' })."),
  Dropdown: callable(Dropdown, "A drop-down list: widgets.Dropdown({ options: ['adam', 'sgd'], value: 'adam' }), or options { label: value }; values stay in the kernel."),
  Checkbox: callable(Checkbox, "A check box: widgets.Checkbox({ value: true, description: 'shuffle' })."),
  ToggleButton: callable(ToggleButton, "A button that stays down or up: widgets.ToggleButton({ value: false, description: 'Pause', icon: 'pause' })."),
  Button: callable(Button, "A button: widgets.Button({ description: 'Go', onClick: (b) => ... }), or button.onClick(fn); handlers run even while a cell trains."),
  Text: callable(Text, "A one-line text field: widgets.Text({ value: 'mnist', placeholder: 'data set', description: 'data' })."),
  Textarea: callable(Textarea, "A text area: widgets.Textarea({ value: '', rows: 5 })."),
  Label: callable(Label, "Plain text: widgets.Label({ value: 'epoch 3' }); set .value to change it in place."),
  HTML: callable(HTML, "An HTML fragment: widgets.HTML({ value: '<b>loss</b> 0.31' }); set .value to change it in place."),
  Image: callable(Image, "An image from its bytes, sent as a binary buffer: widgets.Image({ value: pngBytes, format: 'png', width: '200' })."),
  HBox: callable(HBox, 'Widgets side by side: widgets.HBox([a, b], { layout: { width: "100%" } }).'),
  VBox: callable(VBox, 'Widgets one below the other: widgets.VBox([slider, output]).'),
  Tab: callable(Tab, "Tabs, one widget each: widgets.Tab([a, b], { titles: ['one', 'two'] }); selected_index is the open one."),
  Output: callable(Output, "An output area: const out = widgets.Output(); out.capture(() => console.log('here')); out.clear()."),
  Play: callable(Play, 'Play/pause buttons counting value from min to max, one step every interval ms: widgets.Play({ max: 10, interval: 500 }).'),
  Layout: callable(Layout, "A widget's CSS: widgets.Layout({ width: '300px', border: '1px solid #ccc' }), or layout: { ... } in any control's options."),
  /** The base class of every widget (for `instanceof`). */
  Widget,
  link: documented(link, "Keeps two values equal, both ways: widgets.link([a, 'value'], [b, 'value']); returns { unlink }."),
  dlink: documented(dlink, "Sets one value from another: widgets.dlink([slider, 'value'], [label, 'value'], (v) => `${v} units`)."),
  jslink: documented(jslink, "Links two values in the browser, without the kernel: widgets.jslink([play, 'value'], [slider, 'value'])."),
  interact: documented(interact, 'Shows a control per argument and reruns fn on every change, its output below: widgets.interact(({ n, lr }) => ..., { n: [1, 10], lr: [1e-4, 1e-1] }). A number range gives a slider, true/false a checkbox, a string a text field, a list or { label: value } a drop-down.'),
  interactive: documented(interactive, "interact's widget without showing it: display it or make it a cell's last value; .controls, .output, .result."),
  fixed: documented(fixed, 'A value passed to an interact function as it is, with no control: { model: widgets.fixed(model) }.'),
};

/** `callbacks.TrainingControls()`: Stop, Pause and learning-rate controls for a running fit(). */
export const TrainingControlsFactory = callable(
  TrainingControls,
  'Stop, Pause and learning-rate controls for a running fit: model.fit(x, y, { callbacks: [callbacks.TrainingControls()] }). Stop ends training after the current batch; the lr slider applies from the next batch.',
);
