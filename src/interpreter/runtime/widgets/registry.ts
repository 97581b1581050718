// The widgets alive in this kernel, by model id (their comm's id): references in state ('IPY_MODEL_<id>') resolve
// here, and the control comm's request_states lists them.
import type { JsonObject } from '../../../protocol/messages';

/** What the registry needs of a widget. */
export interface RegisteredWidget {
  readonly modelId: string;
  readonly modelName: string;
  readonly modelModule: string;
  readonly modelModuleVersion: string;
  /** The full state as it goes on the wire, binary values included (taken out as buffers by the caller). */
  wireState(): JsonObject;
}

/** Marks widget objects, across copies of this module too. */
export const WIDGET_BRAND = Symbol.for('tsdl.widget');

const live = new Map<string, RegisteredWidget>();

export function register(widget: RegisteredWidget): void {
  live.set(widget.modelId, widget);
}

export function unregister(modelId: string): void {
  live.delete(modelId);
}

export function lookup(modelId: string): RegisteredWidget | undefined {
  return live.get(modelId);
}

export function liveWidgets(): RegisteredWidget[] {
  return [...live.values()];
}

export function isWidget(value: unknown): value is RegisteredWidget {
  return typeof value === 'object' && value !== null && (value as { [WIDGET_BRAND]?: unknown })[WIDGET_BRAND] === true;
}
