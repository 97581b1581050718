// Containers: HBox and VBox lay their children out in a row or a column; Tab shows one child at a time.
import { DOMWidget } from '../dom';
import { choice, int, nullable, strings, widgetList } from '../traits';
import { defineWidget, type Widget } from '../widget';

const BOX_STYLE = ['success', 'info', 'warning', 'danger', ''] as const;

/** The base of boxes: `children`, a list of widgets, shown in order. */
export abstract class Box extends DOMWidget {
  declare children: Widget[];
  declare box_style: string;
  declare boxStyle: string;

  /**
   * `new Box([a, b])` or `new Box({ children: [a, b], layout: {...} })`; a box of boxes nests them.
   */
  constructor(children: Widget[] | object = [], options: object = {}) {
    super(Array.isArray(children) ? { ...options, children } : children);
  }

  override toString(): string {
    return `${this.constructor.name}(children=[${this.children.map((child) => child.toString()).join(', ')}])`;
  }
}
defineWidget(Box, { traits: { children: widgetList(), box_style: choice(BOX_STYLE, '') } });

/** Children side by side: `widgets.HBox([stop, pause, lr])`. */
export class HBox extends Box {}
defineWidget(HBox, { model: 'HBoxModel', view: 'HBoxView' });

/** Children one below the other: `widgets.VBox([slider, output])`. */
export class VBox extends Box {}
defineWidget(VBox, { model: 'VBoxModel', view: 'VBoxView' });

/** Tabs, one child each: `widgets.Tab([plot, table], { titles: ['loss', 'weights'] })`; `selected_index` is the open one. */
export class Tab extends Box {
  declare titles: string[];
  declare selected_index: number | null;
  declare selectedIndex: number | null;

  protected override adjust(changes: Record<string, unknown>): Record<string, unknown> {
    const children = (changes.children ?? this.get('children')) as Widget[];
    const index = changes.selected_index === undefined ? this.get('selected_index') : changes.selected_index;
    // As ipywidgets: the first tab is open when there are tabs, and an index past the last one is not kept.
    const fixed = children.length === 0 ? null : typeof index === 'number' && index < children.length && index >= 0 ? index : 0;
    return fixed === index ? changes : { ...changes, selected_index: fixed };
  }
}
defineWidget(Tab, { model: 'TabModel', view: 'TabView', traits: { titles: strings(), selected_index: nullable(int(0)) } });
