// The widget model on the kernel's side: state checked by its traits, a comm to the frontend's model, state synced
// both ways (update, echo_update, request_state), custom messages, observers, display and close. Each control
// declares its model, view and traits once with defineWidget; accessors for every trait, snake_case and camelCase,
// are made from that declaration.
import { inspect } from 'util';
import type { JsonObject, MimeBundle } from '../../../protocol/messages';
import { camelToSnake, snakeToCamel, unknownOptionError } from '../../../keras/options';
import { putBuffers, removeBuffers } from './buffers';
import { widgetHost, type WidgetComm } from './host';
import { MODULES, PROTOCOL_VERSION, WIDGET_TARGET, WIDGET_VIEW_MIME, type ModuleName } from './protocol';
import { register, unregister, WIDGET_BRAND, type RegisteredWidget } from './registry';
import { constant, sameValue, type Trait } from './traits';

const JUPYTER_DISPLAY = Symbol.for('Jupyter.display');

/** What observers get: the trait's name, its old and new values, and the widget. */
export interface Change<T = unknown> {
  name: string;
  old: T;
  new: T;
  owner: Widget;
  type: 'change';
}

export type Observer = (change: Change) => void | Promise<void>;

/** How a widget class is declared. */
export interface WidgetDeclaration {
  /** The frontend model's name, e.g. 'IntSliderModel'; the module defaults to @jupyter-widgets/controls. */
  model?: string;
  module?: ModuleName;
  /** The view's name, or null for a model without a view (a link). */
  view?: string | null;
  viewModule?: ModuleName;
  /** State keys (snake_case, as on the wire) and their types. */
  traits?: Record<string, Trait>;
  /** Options the class's own constructor reads that are not state (e.g. Button's onClick). */
  options?: string[];
  /** The keys shown in the widget's text form, after its class name. */
  repr?: string[];
}

interface Spec {
  traits: Record<string, Trait>;
  options: Set<string>;
  repr: string[];
  /** Option and accessor name (camelCase or snake_case) → trait name. */
  names: Map<string, string>;
}

const specs = new WeakMap<object, Spec>();

/** The spec of `cls` or of its nearest declared ancestor (a class without a declaration of its own inherits one). */
function findSpec(cls: object | null): Spec | null {
  for (let c = cls; c; c = Object.getPrototypeOf(c) as object | null) {
    const spec = specs.get(c);
    if (spec) return spec;
  }
  return null;
}

function specOf(cls: object): Spec {
  const spec = findSpec(cls);
  if (!spec) throw new Error('not a widget class');
  return spec;
}

/**
 * Declares a widget class: its model and view, its traits (added to those it inherits), and an accessor per trait,
 * under its snake_case name and its camelCase one.
 */
export function defineWidget(cls: abstract new (...args: never[]) => Widget, declaration: WidgetDeclaration): void {
  const parent = findSpec(Object.getPrototypeOf(cls) as object | null);
  const traits: Record<string, Trait> = { ...(parent?.traits ?? {}) };
  const fixed = (key: string, value: string | null): void => void (traits[key] = constant(value));
  if (declaration.model) {
    const module = MODULES[declaration.module ?? 'controls'];
    fixed('_model_name', declaration.model);
    fixed('_model_module', module.name);
    fixed('_model_module_version', module.version);
  }
  if (declaration.view !== undefined) {
    const module = MODULES[declaration.viewModule ?? declaration.module ?? 'controls'];
    fixed('_view_name', declaration.view);
    fixed('_view_module', module.name);
    fixed('_view_module_version', module.version);
  }
  Object.assign(traits, declaration.traits ?? {});
  const names = new Map<string, string>();
  for (const name of Object.keys(traits)) {
    names.set(name, name);
    if (!name.startsWith('_')) names.set(snakeToCamel(name), name);
  }
  specs.set(cls, {
    traits,
    options: new Set([...(parent?.options ?? []), ...(declaration.options ?? [])]),
    repr: declaration.repr ?? parent?.repr ?? [],
    names,
  });
  for (const name of Object.keys(declaration.traits ?? {})) {
    if (name.startsWith('_')) continue;
    for (const key of new Set([name, snakeToCamel(name)])) {
      Object.defineProperty(cls.prototype, key, {
        get(this: Widget) {
          return this.get(name);
        },
        set(this: Widget, value: unknown) {
          this.set(name, value);
        },
        configurable: true,
        enumerable: false,
      });
    }
  }
}

/** The base of every widget: a model in the frontend, kept in sync with this object over a comm. */
export abstract class Widget implements RegisteredWidget {
  readonly [WIDGET_BRAND] = true;
  /** The model's id: its comm's id, which `IPY_MODEL_<id>` references name. */
  readonly modelId: string;
  private readonly traitValues: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  private readonly comm: WidgetComm;
  private readonly observers: { handler: Observer; names: Set<string> | null }[] = [];
  private readonly customHandlers: ((content: unknown, buffers: Uint8Array[]) => void)[] = [];
  /** Widgets this one made for itself (its default layout and style), closed with it. */
  private readonly owned: Widget[] = [];
  private isClosed = false;

  /** `internal`: state a subclass computes from its own options (a Dropdown's labels), set without the option check. */
  constructor(options: object = {}, internal: Record<string, unknown> = {}) {
    const spec = specOf(new.target);
    const given = { ...this.resolveOptions(options, spec), ...internal };
    try {
      // The given options first: a bad one throws before any default layout or style has opened a comm.
      for (const [name, value] of Object.entries(given)) {
        const coerced = spec.traits[name].coerce(value, this.where(name));
        if (coerced instanceof Widget && coerced !== value) this.owned.push(coerced); // made from options: `layout: {...}`
        this.traitValues[name] = coerced;
      }
      for (const [name, trait] of Object.entries(spec.traits)) {
        if (Object.hasOwn(given, name)) continue;
        const initial = trait.initial();
        if (initial instanceof Widget) this.owned.push(initial);
        this.traitValues[name] = initial;
      }
      Object.assign(this.traitValues, this.adjust({ ...this.traitValues }));
    } catch (error) {
      // Nothing is left open for a widget that could not be made.
      for (const widget of this.owned) widget.close();
      throw error;
    }
    const { state, bufferPaths, buffers } = removeBuffers(this.wireState());
    this.comm = widgetHost().openComm(WIDGET_TARGET, { state, buffer_paths: bufferPaths }, { version: PROTOCOL_VERSION }, buffers);
    this.modelId = this.comm.commId;
    this.comm.onMsg((data, message) => this.receive(data, message.buffers));
    this.comm.onClose(() => this.forget());
    register(this);
  }

  get modelName(): string {
    return this.traitValues._model_name as string;
  }

  get modelModule(): string {
    return this.traitValues._model_module as string;
  }

  get modelModuleVersion(): string {
    return this.traitValues._model_module_version as string;
  }

  /** Whether the widget was closed (by close() or by a frontend): it no longer syncs. */
  get closed(): boolean {
    return this.isClosed;
  }

  /** One state value, by its name (snake_case or camelCase). */
  get(name: string): unknown {
    return this.traitValues[this.traitName(name)];
  }

  /** Sets one state value and sends it to the frontend; observers of it are called if it changed. */
  set(name: string, value: unknown): this {
    return this.setState({ [name]: value });
  }

  /** Sets several state values at once: one message to the frontend, then the observers. */
  setState(changes: Record<string, unknown>): this {
    const coerced: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(changes)) {
      const name = this.traitName(key);
      const trait = specOf(this.constructor).traits[name];
      if (trait.readOnly) throw new TypeError(`${this.where(name)} is fixed by the widget's class`);
      coerced[name] = trait.coerce(value, this.where(name));
    }
    const applied = this.store(coerced);
    this.sendState(applied.map((change) => change.name));
    this.notify(applied);
    return this;
  }

  /** Sets state by trait names, underscore ones included (a subclass's internal state), and syncs it. */
  protected setInternal(changes: Record<string, unknown>): void {
    const traits = specOf(this.constructor).traits;
    const coerced = Object.fromEntries(Object.entries(changes).map(([name, value]) => [name, traits[name].coerce(value, this.where(name))]));
    const applied = this.store(coerced);
    this.sendState(applied.map((change) => change.name));
    this.notify(applied);
  }

  /**
   * Calls `handler({ name, old, new, owner })` whenever one of `names` changes (every trait when none is given), from
   * this kernel or from a frontend; while a model trains too. Returns the widget.
   */
  observe(handler: Observer, names?: string | string[]): this {
    const list = names === undefined ? null : Array.isArray(names) ? names : [names];
    this.observers.push({ handler, names: list && new Set(list.map((n) => this.observedName(n))) });
    return this;
  }

  /** Stops calling `handler` (for `names`, or at all). */
  unobserve(handler: Observer, names?: string | string[]): this {
    const list = names === undefined ? null : (Array.isArray(names) ? names : [names]).map((n) => this.observedName(n));
    for (let i = this.observers.length - 1; i >= 0; i--) {
      const entry = this.observers[i];
      if (entry.handler !== handler) continue;
      if (list === null || entry.names === null) this.observers.splice(i, 1);
      else for (const name of list) entry.names.delete(name);
    }
    return this;
  }

  /** Sends a custom message (`{ method: 'custom', content }`) to the frontend's model. */
  send(content: JsonObject, buffers: Uint8Array[] = []): void {
    if (!this.isClosed) this.comm.send({ method: 'custom', content }, undefined, buffers);
  }

  /** Calls `handler(content, buffers)` for each custom message from the frontend. */
  onCustom(handler: (content: unknown, buffers: Uint8Array[]) => void): this {
    this.customHandlers.push(handler);
    return this;
  }

  /** Closes the widget: its comm (and those of the layout and style it made) is freed, and its views go. */
  close(): void {
    if (this.isClosed) return;
    this.comm.close();
    this.forget();
    for (const widget of this.owned) widget.close();
  }

  /** The full state as it goes on the wire (references as 'IPY_MODEL_<id>', bytes as they are). */
  wireState(): JsonObject {
    const traits = specOf(this.constructor).traits;
    return Object.fromEntries(Object.keys(traits).map((name) => [name, traits[name].toJson(this.traitValues[name])]));
  }

  /** Shown as the widget's view, with its text form for clients without widgets. */
  [JUPYTER_DISPLAY](): MimeBundle {
    if (this.isClosed) return { 'text/plain': `${this.toString()} (closed)` };
    return { [WIDGET_VIEW_MIME]: { version_major: 2, version_minor: 0, model_id: this.modelId }, 'text/plain': this.toString() };
  }

  /** The text form, e.g. `IntSlider(value=5, description='units')`. */
  toString(): string {
    const shown = specOf(this.constructor)
      .repr.filter((key) => this.traitValues[key] !== '' && this.traitValues[key] !== null && this.traitValues[key] !== undefined)
      .map((key) => `${key}=${reprValue(this.traitValues[key])}`);
    return `${this.constructor.name}(${shown.join(', ')})`;
  }

  [inspect.custom](): string {
    return this.toString();
  }

  /**
   * Keeps related values consistent (a slider's value within its bounds); `changes` holds the traits being set and
   * the result is what is stored. Subclasses override it; it must only read `this.get`.
   */
  protected adjust(changes: Record<string, unknown>): Record<string, unknown> {
    return changes;
  }

  /** Tells the observers of `name` about a change this class derives (a Dropdown's value from its index). */
  protected notifyDerived(name: string, old: unknown, value: unknown): void {
    if (!sameValue(old, value)) this.notify([{ name, old, new: value, owner: this, type: 'change' }]);
  }

  /** Stores the changed values (after adjust) and says which changed. */
  private store(changes: Record<string, unknown>): Change[] {
    const adjusted = this.adjust(changes);
    const applied: Change[] = [];
    for (const [name, value] of Object.entries(adjusted)) {
      const old = this.traitValues[name];
      if (sameValue(old, value)) continue;
      this.traitValues[name] = value;
      applied.push({ name, old, new: value, owner: this, type: 'change' });
    }
    return applied;
  }

  private sendState(names: string[], method: 'update' | 'echo_update' = 'update', values: Record<string, unknown> = this.traitValues): void {
    if (this.isClosed || names.length === 0) return;
    const traits = specOf(this.constructor).traits;
    const { state, bufferPaths, buffers } = removeBuffers(Object.fromEntries(names.map((name) => [name, traits[name].toJson(values[name])])));
    this.comm.send({ method, state, buffer_paths: bufferPaths }, undefined, buffers);
  }

  private notify(changes: Change[]): void {
    for (const change of changes) {
      for (const { handler, names } of [...this.observers]) {
        if (names && !names.has(change.name)) continue;
        this.callUser(`observer of ${this.constructor.name}.${change.name}`, () => handler(change));
      }
    }
  }

  /** Runs user code for this widget; what it throws (or rejects with) is reported, never thrown at the kernel. */
  protected callUser(where: string, run: () => unknown): void {
    try {
      const result = run();
      if (result instanceof Promise) result.catch((error: unknown) => widgetHost().reportError(where, error));
    } catch (error) {
      widgetHost().reportError(where, error);
    }
  }

  /** A message from the frontend's model. Anything malformed is ignored; nothing here may throw at the kernel. */
  private receive(data: JsonObject, buffers: Uint8Array[]): void {
    if (typeof data !== 'object' || data === null) return;
    try {
      if (data.method === 'update') this.receiveUpdate(data.state, data.buffer_paths, buffers);
      else if (data.method === 'request_state') this.sendState(Object.keys(specOf(this.constructor).traits));
      else if (data.method === 'custom') for (const handler of [...this.customHandlers]) this.callUser(`${this.constructor.name} message handler`, () => handler(data.content, buffers));
    } catch (error) {
      widgetHost().reportError(`${this.constructor.name} ${this.modelId}`, error);
    }
  }

  /**
   * A frontend changed state: values of the right type are echoed to every frontend (echo_update) and stored; a value
   * of the wrong type, a fixed one, or one that had to be adjusted is answered with the kernel's own (update). Then
   * the observers run.
   */
  private receiveUpdate(state: unknown, bufferPaths: unknown, buffers: Uint8Array[]): void {
    if (typeof state !== 'object' || state === null || Array.isArray(state)) return;
    const raw: JsonObject = { ...(state as JsonObject) };
    putBuffers(raw, bufferPaths, buffers);
    const traits = specOf(this.constructor).traits;
    const accepted: Record<string, unknown> = {};
    const refused: string[] = [];
    for (const [name, value] of Object.entries(raw)) {
      if (!Object.hasOwn(traits, name)) continue;
      const trait = traits[name];
      if (trait.readOnly) {
        if (!sameValue(value, trait.toJson(this.traitValues[name]))) refused.push(name);
        continue;
      }
      try {
        accepted[name] = trait.fromJson(value, this.where(name));
      } catch {
        refused.push(name);
      }
    }
    this.sendState(Object.keys(accepted).filter((name) => traits[name].echo), 'echo_update', accepted);
    const applied = this.store({ ...accepted });
    const corrected = Object.keys(accepted).filter((name) => !sameValue(this.traitValues[name], accepted[name]));
    this.sendState([...refused, ...corrected]);
    this.notify(applied);
  }

  private forget(): void {
    this.isClosed = true;
    unregister(this.modelId);
  }

  private resolveOptions(options: object, spec: Spec): Record<string, unknown> {
    if (typeof options !== 'object' || options === null || Array.isArray(options)) {
      throw new TypeError(`widgets.${this.constructor.name}: options must be an object, e.g. { value: 5, description: 'x' }`);
    }
    const given: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(options)) {
      if (value === undefined || spec.options.has(key)) continue;
      const name = spec.names.get(key) ?? spec.names.get(camelToSnake(key));
      if (name === undefined || name.startsWith('_')) {
        const valid = [...spec.names.keys()].filter((n) => !n.startsWith('_') && !n.includes('_'));
        throw unknownOptionError(`widgets.${this.constructor.name}`, key, [...valid, ...spec.options]);
      }
      if (Object.hasOwn(given, name)) throw new TypeError(`widgets.${this.constructor.name}: '${key}' repeats another option`);
      given[name] = value;
    }
    return given;
  }

  private traitName(key: string): string {
    const name = specOf(this.constructor).names.get(key);
    if (name === undefined) throw unknownOptionError(`${this.constructor.name}`, key, [...specOf(this.constructor).names.keys()].filter((n) => !n.startsWith('_')));
    return name;
  }

  /** A trait's name for observe: its snake_case form when it is one, else as given (a derived value). */
  private observedName(key: string): string {
    return specOf(this.constructor).names.get(key) ?? key;
  }

  private where(name: string): string {
    return `${this.constructor.name}.${name}`;
  }
}

function reprValue(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/'/g, "\\'")}'`;
  if (value instanceof Widget) return value.toString();
  if (Array.isArray(value)) return `[${value.map(reprValue).join(', ')}]`;
  return String(value);
}
