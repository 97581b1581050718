// The Jupyter widget message protocol 2.1 as tsdl speaks it: comm targets, versions, model modules and the shapes of
// the messages on a widget's comm (see ipywidgets' packages/schema/messages.md).
import type { JsonObject } from '../../../protocol/messages';

/** The protocol version a widget's comm_open names in its metadata. */
export const PROTOCOL_VERSION = '2.1.0';
/** The comm target of one widget model per comm. */
export const WIDGET_TARGET = 'jupyter.widget';
/** The comm target a frontend opens to fetch every widget's state in one message (request_states). */
export const CONTROL_TARGET = 'jupyter.widget.control';
/** The MIME type of a widget's view in a display_data or execute_result. */
export const WIDGET_VIEW_MIME = 'application/vnd.jupyter.widget-view+json';

/** The JavaScript modules (and their versions) that hold the models and views of the core widgets. */
export const MODULES = {
  controls: { name: '@jupyter-widgets/controls', version: '2.0.0' },
  base: { name: '@jupyter-widgets/base', version: '2.0.0' },
  output: { name: '@jupyter-widgets/output', version: '1.0.0' },
} as const;

export type ModuleName = keyof typeof MODULES;

/** A reference to a widget in another widget's state, e.g. a box's children or a control's layout. */
export const MODEL_REFERENCE_PREFIX = 'IPY_MODEL_';

/** The part of a state path in buffer_paths: a key of an object or an index in an array. */
export type PathPart = string | number;

/** A state message on a widget's comm, both ways: `update`, and the kernel's `echo_update` of a frontend's update. */
export interface StateMessage extends JsonObject {
  method: 'update' | 'echo_update';
  state: JsonObject;
  buffer_paths: PathPart[][];
}

/** The kernel's answer to request_states on the control comm. */
export interface StatesMessage extends JsonObject {
  method: 'update_states';
  states: Record<string, { model_name: string; model_module: string; model_module_version: string; state: JsonObject }>;
  buffer_paths: PathPart[][];
}
