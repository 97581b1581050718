// Keeping two widgets' values together: link (both ways) and dlink (one way, optionally transformed) run in the
// kernel; jslink does it in the browser, with no kernel round trip (it works while the kernel is busy with a
// synchronous loop, and survives only as long as the page).
import { camelToSnake } from '../../../keras/options';
import { MODEL_REFERENCE_PREFIX } from './protocol';
import { json } from './traits';
import { defineWidget, Widget } from './widget';

/** A widget and the name of one of its values. */
export type WidgetValue = readonly [Widget, string];

/** What link and dlink return: `unlink()` stops it. */
export interface Link {
  unlink(): void;
}

function check(end: unknown, what: string): WidgetValue {
  if (!Array.isArray(end) || end.length !== 2 || !(end[0] instanceof Widget) || typeof end[1] !== 'string') {
    throw new TypeError(`widgets.${what}: each end must be [widget, 'name'], e.g. [slider, 'value']`);
  }
  if (!(end[1] in end[0])) end[0].get(end[1]); // an unknown name throws here, with the names it could be
  return end as unknown as WidgetValue;
}

/** Values are read and set as properties: a Dropdown's value is one, though not part of its state. */
function read(widget: Widget, name: string): unknown {
  return (widget as unknown as Record<string, unknown>)[name];
}

function write(widget: Widget, name: string, value: unknown): void {
  (widget as unknown as Record<string, unknown>)[name] = value;
}

/**
 * Sets `target`'s value from `source`'s now and whenever it changes: `widgets.dlink([slider, 'value'], [label,
 * 'value'], (v) => `${v} units`)`.
 */
export function dlink(source: WidgetValue, target: WidgetValue, transform: (value: unknown) => unknown = (v) => v): Link {
  const [from, fromName] = check(source, 'dlink');
  const [to, toName] = check(target, 'dlink');
  write(to, toName, transform(read(from, fromName)));
  const observer = (): void => write(to, toName, transform(read(from, fromName)));
  from.observe(observer, fromName);
  return { unlink: () => void from.unobserve(observer, fromName) };
}

/** Keeps two values equal both ways, starting from `source`'s: `widgets.link([a, 'value'], [b, 'value'])`. */
export function link(source: WidgetValue, target: WidgetValue): Link {
  let busy = false;
  const guarded = (run: () => void) => (): void => {
    if (busy) return;
    busy = true;
    try {
      run();
    } finally {
      busy = false;
    }
  };
  const [a, aName] = check(source, 'link');
  const [b, bName] = check(target, 'link');
  write(b, bName, read(a, aName));
  const forward = guarded(() => write(b, bName, read(a, aName)));
  const backward = guarded(() => write(a, aName, read(b, bName)));
  a.observe(forward, aName);
  b.observe(backward, bName);
  return {
    unlink: () => {
      a.unobserve(forward, aName);
      b.unobserve(backward, bName);
    },
  };
}

/** A link the frontend keeps (LinkModel): `widgets.jslink([play, 'value'], [slider, 'value'])`; close() ends it. */
export class JsLink extends Widget {
  constructor(source: WidgetValue, target: WidgetValue) {
    const [a, aName] = check(source, 'jslink');
    const [b, bName] = check(target, 'jslink');
    const end = (widget: Widget, name: string) => [MODEL_REFERENCE_PREFIX + widget.modelId, camelToSnake(name)];
    super({}, { source: end(a, aName), target: end(b, bName) });
  }

  override toString(): string {
    return 'JsLink()';
  }
}
defineWidget(JsLink, { model: 'LinkModel', view: null, traits: { source: json(() => []), target: json(() => []) } });

/** Links two widgets' values in the browser. */
export function jslink(source: WidgetValue, target: WidgetValue): JsLink {
  return new JsLink(source, target);
}
