// Connects widgets to the kernel: comms through the runtime's registry, outputs through the outbox, errors to
// stderr; registers the jupyter.widget.control target (every widget's state in one message) and answers comms a
// frontend opens to jupyter.widget (tsdl makes no widget from the frontend's side: they are closed straight away).
import type { JsonObject } from '../../../protocol/messages';
import type { CommRegistry } from '../comms';
import { displayBundle, display } from '../display-api';
import { clearOutput } from '../display-api';
import { formatRuntimeError } from '../errors';
import { currentRequest } from '../outbox';
import { removeBuffers } from './buffers';
import { setWidgetHost, type WidgetComm } from './host';
import { CONTROL_TARGET, WIDGET_TARGET, type StatesMessage } from './protocol';
import { liveWidgets } from './registry';

/** Every live widget's state, as the control comm's update_states sends it. */
export function allStates(): { data: StatesMessage; buffers: Uint8Array[] } {
  const states: StatesMessage['states'] = {};
  for (const widget of liveWidgets()) {
    states[widget.modelId] = {
      model_name: widget.modelName,
      model_module: widget.modelModule,
      model_module_version: widget.modelModuleVersion,
      state: widget.wireState(),
    };
  }
  const split = removeBuffers(states);
  return { data: { method: 'update_states', states: split.state, buffer_paths: split.bufferPaths }, buffers: split.buffers };
}

/** A comm a frontend opened to jupyter.widget.control: request_states is answered with every widget's state. */
export function serveControl(comm: WidgetComm): void {
  comm.onMsg((data: JsonObject) => {
    if (data?.method !== 'request_states') return;
    const { data: states, buffers } = allStates();
    comm.send(states, undefined, buffers);
  });
}

export function installWidgets(comms: CommRegistry): void {
  setWidgetHost({
    openComm: (target, data, metadata, buffers) => comms.open(target, data, metadata, buffers),
    registerTarget: (target, handler) => comms.registerTarget(target, (comm, message) => handler(comm, message)),
    currentMessageId: currentRequest,
    clearOutput: (wait) => clearOutput({ wait }),
    display: (value) => void display(value),
    displayBundle: (bundle) => void displayBundle(bundle),
    reportError: (where, error) => {
      const { traceback } = formatRuntimeError(error);
      process.stderr.write(`Error in ${where}:\n${traceback.join('\n')}\n`);
    },
  });
  comms.registerTarget(CONTROL_TARGET, (comm) => serveControl(comm));
  comms.registerTarget(WIDGET_TARGET, (comm) => comm.close());
}
