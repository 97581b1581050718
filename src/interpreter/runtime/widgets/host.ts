// What widgets need from the kernel, as an interface: comms with metadata and buffers, the id of the message being
// handled (Output's capture), clear_output, display and error reports. The runtime installs the real one
// (install.ts); unit tests install a fake. Widgets never import the runtime's outbox themselves.
import type { JsonObject, MimeBundle } from '../../../protocol/messages';

/** A comm message as a widget gets it. */
export interface WidgetCommMessage {
  data: JsonObject;
  buffers: Uint8Array[];
}

/** One comm, as widgets use it (the runtime's Comm is one). */
export interface WidgetComm {
  readonly commId: string;
  send(data: JsonObject, metadata?: JsonObject, buffers?: Uint8Array[]): void;
  close(data?: JsonObject): void;
  onMsg(handler: (data: JsonObject, message: WidgetCommMessage) => void): unknown;
  onClose(handler: (data: JsonObject, message: WidgetCommMessage) => void): unknown;
}

export interface WidgetHost {
  /** Opens a comm from the kernel to `target`. */
  openComm(target: string, data: JsonObject, metadata: JsonObject, buffers: Uint8Array[]): WidgetComm;
  /** Handles comms a frontend opens to `target`. */
  registerTarget(target: string, handler: (comm: WidgetComm, message: WidgetCommMessage) => void): void;
  /** The msg_id of the request whose outputs are being produced now (a cell, or a comm message), if any. */
  currentMessageId(): string | null;
  /** Clears the outputs of the current request (an Output widget captures it while it captures). */
  clearOutput(wait: boolean): void;
  /** Shows a value as the current request's output, as display() does. */
  display(value: unknown): void;
  /** Shows a ready MIME bundle as the current request's output. */
  displayBundle(bundle: MimeBundle): void;
  /** Reports an error thrown by user code run for a widget (an observer, a click handler) on stderr. */
  reportError(where: string, error: unknown): void;
}

let host: WidgetHost | null = null;

/** Makes `next` the host every widget created from now on talks through (null: none). */
export function setWidgetHost(next: WidgetHost | null): void {
  host = next;
}

/** The installed host; widgets exist only in a kernel (or a test that installed a fake one). */
export function widgetHost(): WidgetHost {
  if (!host) throw new Error('widgets need a running kernel: no widget host is installed');
  return host;
}
