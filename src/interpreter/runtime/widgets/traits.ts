// The types of widget state ("traits", as ipywidgets calls them): each says its initial value, how a value set in a
// cell is checked and converted, and how it goes to and comes from the wire. A frontend's value of the wrong type is
// refused the same way as a cell's (a TypeError), and the widget answers with its own value.
import { MODEL_REFERENCE_PREFIX } from './protocol';
import { isWidget, lookup, type RegisteredWidget } from './registry';

export interface Trait<T = unknown> {
  /** A fresh initial value for each widget. */
  initial(): T;
  /** Checks and converts a value set from TypeScript; throws a TypeError saying what was expected. */
  coerce(value: unknown, where: string): T;
  /** The value as JSON for the wire (binary values stay, to go out as buffers). */
  toJson(value: T): unknown;
  /** A value from a frontend, checked as strictly as coerce. */
  fromJson(value: unknown, where: string): T;
  /** Whether a frontend's change is echoed to every frontend (echo_update). */
  echo: boolean;
  /** Set once from the kernel (a model's name); a frontend's change is refused. */
  readOnly: boolean;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number') return String(value);
  return typeof value;
}

function refuse(where: string, expected: string, value: unknown): never {
  throw new TypeError(`${where} must be ${expected}, not ${describe(value)}`);
}

/** A trait whose wire form is its own value. */
function plain<T>(initial: T, coerce: (value: unknown, where: string) => T, extra: Partial<Trait<T>> = {}): Trait<T> {
  return { initial: () => initial, coerce, toJson: (v) => v, fromJson: coerce, echo: true, readOnly: false, ...extra };
}

/** An integer; a whole float (3.0) is accepted, 2.5 is not. */
export function int(initial: number): Trait<number> {
  return plain(initial, (v, where) => (typeof v === 'number' && Number.isInteger(v) ? v : refuse(where, 'an integer', v)));
}

/** A finite number. */
export function float(initial: number): Trait<number> {
  return plain(initial, (v, where) => (typeof v === 'number' && Number.isFinite(v) ? v : refuse(where, 'a finite number', v)));
}

export function bool(initial: boolean): Trait<boolean> {
  return plain(initial, (v, where) => (typeof v === 'boolean' ? v : refuse(where, 'true or false', v)));
}

export function str(initial: string): Trait<string> {
  return plain(initial, (v, where) => (typeof v === 'string' ? v : refuse(where, 'a string', v)));
}

/** One of `values`. */
export function choice<T extends string>(values: readonly T[], initial: T): Trait<T> {
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;
  return plain(initial, (v, where) => ((values as readonly unknown[]).includes(v) ? (v as T) : refuse(where, expected, v)));
}

/** `inner`'s values, or null. */
export function nullable<T>(inner: Trait<T>, initial: T | null = null): Trait<T | null> {
  return {
    ...inner,
    initial: () => initial,
    coerce: (v, where) => (v === null || v === undefined ? null : inner.coerce(v, where)),
    toJson: (v) => (v === null ? null : inner.toJson(v)),
    fromJson: (v, where) => (v === null ? null : inner.fromJson(v, where)),
  };
}

/** A list of strings. */
export function strings(): Trait<string[]> {
  const coerce = (v: unknown, where: string): string[] =>
    Array.isArray(v) && v.every((s) => typeof s === 'string') ? [...(v as string[])] : refuse(where, 'an array of strings', v);
  return { initial: () => [], coerce, toJson: (v) => [...v], fromJson: coerce, echo: true, readOnly: false };
}

/** Any JSON value, kept as the frontend sends it (an Output's list of outputs). */
export function json<T>(initial: () => T, echo = true): Trait<T> {
  return { initial, coerce: (v) => v as T, toJson: (v) => v, fromJson: (v) => v as T, echo, readOnly: false };
}

/** A value fixed by the widget's class: its model and view names and modules. */
export function constant(value: string | null): Trait<string | null> {
  return plain(value, () => value, { readOnly: true, echo: false });
}

/** Bytes, sent as a binary buffer: a Uint8Array, an ArrayBuffer, a typed array or a Node Buffer. */
export function bytes(): Trait<Uint8Array> {
  const coerce = (v: unknown, where: string): Uint8Array => {
    if (v instanceof Uint8Array) return v;
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    return refuse(where, 'bytes (a Uint8Array or an ArrayBuffer)', v);
  };
  // An echo would send the bytes straight back to every frontend.
  return { initial: () => new Uint8Array(0), coerce, toJson: (v) => v, fromJson: coerce, echo: false, readOnly: false };
}

function referenced(v: unknown, where: string): RegisteredWidget {
  if (typeof v === 'string' && v.startsWith(MODEL_REFERENCE_PREFIX)) {
    const widget = lookup(v.slice(MODEL_REFERENCE_PREFIX.length));
    if (widget) return widget;
  }
  return refuse(where, 'a reference to a live widget', v);
}

/**
 * A reference to another widget (a control's layout or style). `make` builds the default one, and turns a plain
 * object of options into a widget: `layout: { width: '300px' }`.
 */
export function widgetRef<W extends RegisteredWidget>(make: (options?: object) => W): Trait<W> {
  const coerce = (v: unknown, where: string): W => {
    if (isWidget(v)) return v as W;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return make(v);
    return refuse(where, 'a widget or an object of its options', v);
  };
  return {
    initial: () => make(),
    coerce,
    toJson: (w) => MODEL_REFERENCE_PREFIX + w.modelId,
    fromJson: (v, where) => referenced(v, where) as W,
    echo: true,
    readOnly: false,
  };
}

/** A list of widgets (a box's children). */
export function widgetList(): Trait<RegisteredWidget[]> {
  const coerce = (v: unknown, where: string): RegisteredWidget[] =>
    Array.isArray(v) && v.every(isWidget) ? [...v] : refuse(where, 'an array of widgets', v);
  return {
    initial: () => [],
    coerce,
    toJson: (list) => list.map((w) => MODEL_REFERENCE_PREFIX + w.modelId),
    fromJson: (v, where) => (Array.isArray(v) ? v.map((item, i) => referenced(item, `${where}[${i}]`)) : refuse(where, 'an array of widget references', v)),
    echo: true,
    readOnly: false,
  };
}

/** Whether two state values are the same (arrays and plain objects by content). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  if (a instanceof Uint8Array || b instanceof Uint8Array) return false;
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && !isWidget(a) && !isWidget(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}
