// Jupyter messaging protocol 5.3: the header and the content of every message tsdl sends or answers, keyed by msg_type.
// Incoming content is validated at the edge (server/validate.ts); past that point everything is typed.

export const PROTOCOL_VERSION = '5.3';

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export type JsonObject = { [key: string]: unknown };

/** A message as it travels between the sockets and the handlers. */
export interface Message<C = JsonObject> {
  /** Routing identities that preceded `<IDS|MSG>`; replies go back to the same ones. */
  identities: Buffer[];
  header: Header;
  parent_header: Header | Record<string, never>;
  metadata: JsonObject;
  content: C;
  buffers: Buffer[];
}

export type Channel = 'shell' | 'control' | 'stdin' | 'iopub';

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

export type ExecuteReply =
  | ExecuteReplyOk
  | ({ status: 'error'; execution_count: number } & ErrorContent)
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

export type HistoryEntry = [number, number, string];

export interface CommOpen {
  comm_id: string;
  target_name: string;
  data: JsonObject;
}

export interface CommMsg {
  comm_id: string;
  data: JsonObject;
}

export interface InputReply {
  value: string;
}

export interface ShutdownRequest {
  restart: boolean;
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
