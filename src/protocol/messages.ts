// Jupyter messaging protocol 5.3: the header and the content of every message tsdl sends or answers, keyed by msg_type.
// Incoming content is validated at the edge (server/validate.ts); past that point everything is typed.

export const PROTOCOL_VERSION = '5.3';

/**
 * A message header. `Header<T>` names its type: the kernel's own messages and the requests its dispatcher has matched
 * to a handler. A header as decoded keeps whatever msg_type its sender wrote (plain `Header`), since that is untrusted.
 */
export interface Header<T extends string = string> {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: T;
  version: string;
}

export type JsonObject = { [key: string]: unknown };

/** A message's parent_header: the request it answers or belongs to, or empty (a status on start-up). */
export type ParentHeader = Header | Record<string, never>;

/** A message as it travels between the sockets and the handlers. */
export interface Message<C = JsonObject, T extends string = string> {
  /** Routing identities that preceded `<IDS|MSG>`; replies go back to the same ones. */
  identities: Buffer[];
  header: Header<T>;
  parent_header: ParentHeader;
  metadata: JsonObject;
  content: C;
  buffers: Buffer[];
}

export type Channel = 'shell' | 'control' | 'stdin' | 'iopub';

/** A Jupyter MIME bundle: MIME type → data (a string, or a JSON object for JSON types). */
export type MimeBundle = Record<string, unknown>;

export interface ExecuteRequest {
  code: string;
  silent: boolean;
  store_history: boolean;
  user_expressions: Record<string, string>;
  allow_stdin: boolean;
  stop_on_error: boolean;
}

export interface ErrorContent {
  ename: string;
  evalue: string;
  traceback: string[];
}

export type ReplyStatus = 'ok' | 'error' | 'aborted';

export interface ExecuteReplyOk {
  status: 'ok';
  execution_count: number;
  payload: JsonObject[];
  user_expressions: Record<string, JsonObject>;
}

/** The content of any reply whose request failed: the spec allows it for every *_reply. */
export type ErrorReply = { status: 'error' } & ErrorContent;

export type ExecuteReply =
  | ExecuteReplyOk
  | (ErrorReply & { execution_count: number })
  | { status: 'aborted'; execution_count: number };

export interface CompleteRequest {
  code: string;
  cursor_pos: number;
}

export interface CompleteReply {
  status: 'ok';
  matches: string[];
  cursor_start: number;
  cursor_end: number;
  metadata: JsonObject;
}

export interface InspectRequest {
  code: string;
  cursor_pos: number;
  detail_level: 0 | 1;
}

export interface InspectReply {
  status: 'ok';
  found: boolean;
  data: MimeBundle;
  metadata: JsonObject;
}

export interface IsCompleteRequest {
  code: string;
}

export type IsCompleteReply =
  | { status: 'complete' }
  | { status: 'incomplete'; indent: string }
  | { status: 'invalid' }
  | { status: 'unknown' };

export interface HistoryRequest {
  output: boolean;
  raw: boolean;
  hist_access_type: 'range' | 'tail' | 'search';
  session?: number;
  start?: number;
  stop?: number;
  n?: number;
  pattern?: string;
  unique?: boolean;
}

/** `[session, line, input]`, as history_reply wants it. */
export type HistoryEntry = [number, number, string];

/** A history entry with the text/plain of its cell's result (null: none was recorded). */
export type HistoryEntryWithOutput = [number, number, [string, string | null]];

export interface HistoryReply {
  status: 'ok';
  history: HistoryEntry[] | HistoryEntryWithOutput[];
}

export interface CommOpen {
  comm_id: string;
  target_name: string;
  data: JsonObject;
}

export interface CommMsg {
  comm_id: string;
  data: JsonObject;
}

/**
 * What a message may carry beside its content: its metadata (a widget's comm_open names the widget protocol's version
 * there) and binary buffers (the frames after content; widgets send images and arrays as these).
 */
export interface MessageExtras {
  metadata?: JsonObject;
  buffers?: Uint8Array[];
}

export interface CommInfoRequest {
  /** Only the comms of this target; null: every comm. */
  target_name: string | null;
}

export interface CommInfoReply {
  status: 'ok';
  comms: Record<string, { target_name: string }>;
}

export interface InputRequest {
  prompt: string;
  password: boolean;
}

export interface InputReply {
  value: string;
}

export interface ShutdownRequest {
  restart: boolean;
}

export interface ShutdownReply {
  status: 'ok';
  restart: boolean;
}

export interface InterruptReply {
  status: 'ok';
}

export interface KernelInfoReply {
  status: 'ok';
  protocol_version: string;
  implementation: string;
  implementation_version: string;
  language_info: {
    name: string;
    version: string;
    mimetype: string;
    file_extension: string;
    pygments_lexer: string;
    codemirror_mode: string;
    nbconvert_exporter: string;
  };
  banner: string;
  help_links: { text: string; url: string }[];
  debugger: boolean;
}

export type KernelStatus = 'starting' | 'busy' | 'idle';

/** Requests the kernel answers on shell or control, each with its content once validated. */
export interface RequestContents {
  kernel_info_request: JsonObject;
  execute_request: ExecuteRequest;
  complete_request: CompleteRequest;
  inspect_request: InspectRequest;
  is_complete_request: IsCompleteRequest;
  comm_info_request: CommInfoRequest;
  history_request: HistoryRequest;
  shutdown_request: ShutdownRequest;
  interrupt_request: JsonObject;
}

export type RequestType = keyof RequestContents;

/** The reply type of a request type: complete_request -> complete_reply. */
export type ReplyType<T extends RequestType = RequestType> = T extends `${infer Name}_request` ? `${Name}_reply` : never;

/** The content of each request's reply, keyed by the request's type; any of them may also be an ErrorReply. */
export interface ReplyContents {
  kernel_info_request: KernelInfoReply;
  execute_request: ExecuteReply;
  complete_request: CompleteReply | ErrorReply;
  inspect_request: InspectReply | ErrorReply;
  is_complete_request: IsCompleteReply | ErrorReply;
  comm_info_request: CommInfoReply | ErrorReply;
  history_request: HistoryReply;
  shutdown_request: ShutdownReply;
  interrupt_request: InterruptReply;
}

export type StreamName = 'stdout' | 'stderr';

/** A display_data's or update_display_data's content; `transient.display_id` names the output to update. */
export interface DisplayData {
  data: MimeBundle;
  metadata: JsonObject;
  transient?: { display_id?: string };
}

export interface ExecuteResult {
  execution_count: number;
  data: MimeBundle;
  metadata: JsonObject;
}

/** What the kernel publishes on iopub, by msg_type. Outputs made in the executor arrive already shaped. */
export interface IopubContents {
  status: { execution_state: KernelStatus };
  execute_input: { code: string; execution_count: number };
  stream: { name: StreamName; text: string };
  execute_result: ExecuteResult;
  display_data: DisplayData;
  update_display_data: DisplayData & { transient: { display_id: string } };
  clear_output: { wait: boolean };
  error: ErrorContent;
  comm_open: CommOpen;
  comm_msg: CommMsg;
  comm_close: CommMsg;
}

export type IopubType = keyof IopubContents;

/** One iopub message's type and content, as a union over the types: narrowing on `msgType` types `content`. */
export type IopubOutput = { [T in IopubType]: { msgType: T; content: IopubContents[T] } }[IopubType];

export type CommType = 'comm_open' | 'comm_msg' | 'comm_close';

/** Every msg_type tsdl knows. */
export type MessageType = RequestType | ReplyType | IopubType | CommType | 'input_request' | 'input_reply';

/** A request the dispatcher matched to its handler: its type named, its content validated. */
export type Request<T extends RequestType = RequestType> = Message<RequestContents[T], T>;
