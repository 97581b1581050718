// Messages between the kernel's main thread (sockets, protocol) and the executor worker (the user's code).
// The main thread never runs user code, so heartbeat, control and interrupts answer while a cell spins.
// Requests carry Jupyter's own content shapes, and each is answered by one reply with the content of its Jupyter reply.
import type {
  CommInfoRequest,
  CommMsg,
  CommOpen,
  CompleteRequest,
  ErrorReply,
  ExecuteRequest,
  InputReply,
  InputRequest,
  InspectRequest,
  IopubOutput,
  IsCompleteRequest,
  JsonObject,
  MessageExtras,
  ReplyContents,
} from '../protocol/messages';

/** Slots of the Int32Array over the SharedArrayBuffer both threads hold. */
export const SHARED = {
  /**
   * Bumped by the main thread on every interrupt, busy or idle; awaits compare it before and after, so code a cell
   * left running in the background stops at its next await too.
   */
  interruptGeneration: 0,
  /** 1 while the worker runs code from a timer or nextTick callback, where V8 termination is unsafe in Node. */
  inUnsafeCallback: 1,
  /** 1 while a cell is executing. */
  executing: 2,
  /**
   * Above 0 while the executor runs work that must not be terminated (loading the preloaded API, compiling a cell, a
   * batch of training): an interrupt then only bumps the generation, and the cell stops as soon as that work ends.
   */
  ownWork: 3,
  /**
   * Bumped each time such work starts or ends: a window of an interrupt in which it did not move, with no such work
   * running at its end, is a window in which none ran at all.
   */
  ownWorkChanges: 4,
  length: 5,
} as const;

/**
 * What the main thread asks the executor, keyed by the Jupyter request it comes from: the request's content (as
 * validated) and the content of the reply the executor sends back.
 */
export interface ExecutorCalls {
  /** `execution_count` is the kernel's (the main thread counts cells); the cell's outputs and reply carry it. */
  execute_request: { content: ExecuteRequest; execution_count: number; reply: ReplyContents['execute_request'] };
  complete_request: { content: CompleteRequest; reply: ReplyContents['complete_request'] };
  /** `documented`: the main thread's business only (see language-service/merge.ts), removed before the reply goes out. */
  inspect_request: { content: InspectRequest; reply: ReplyContents['inspect_request'] & { documented?: boolean } };
  is_complete_request: { content: IsCompleteRequest; reply: ReplyContents['is_complete_request'] };
  comm_info_request: { content: CommInfoRequest; reply: ReplyContents['comm_info_request'] };
}

export type ExecutorRequestType = keyof ExecutorCalls;

/** A request to the executor; `id` is the Jupyter request's msg_id, which its reply and outputs name. */
export type ExecutorRequest<T extends ExecutorRequestType = ExecutorRequestType> = {
  [K in T]: { type: K; id: string } & Omit<ExecutorCalls[K], 'reply'>;
}[T];

export type ExecutorReplyContent<T extends ExecutorRequestType = ExecutorRequestType> = ExecutorCalls[T]['reply'];

/**
 * The reply a request gets when the executor cannot answer it (the request threw, or the worker is gone): an error
 * of the request's own reply type. An execute_reply keeps its cell's execution_count.
 */
export function failedReply<T extends ExecutorRequestType>(
  request: ExecutorRequest<T>,
  ename: string,
  evalue: string,
  traceback: string[],
): ExecutorReplyContent<T> {
  const error: ErrorReply = { status: 'error', ename, evalue, traceback };
  const content = 'execution_count' in request ? { ...error, execution_count: request.execution_count } : error;
  return content as ExecutorReplyContent<T>;
}

export type ToExecutor =
  | ExecutorRequest
  /** A frontend's comm message, with its metadata and binary buffers (see MessageExtras). */
  | ({ type: 'comm_open'; id: string; content: CommOpen } & MessageExtras)
  | ({ type: 'comm_msg'; id: string; content: CommMsg } & MessageExtras)
  | ({ type: 'comm_close'; id: string; content: CommMsg } & MessageExtras)
  /** The answer to the input_request the worker numbered `serial`. */
  | { type: 'input_reply'; serial: number; content: InputReply }
  /** Interrupt number `generation`: stop what runs, if it started before. */
  | { type: 'interrupt'; generation: number }
  /** The main thread terminated the worker's JavaScript for interrupt `generation`. */
  | { type: 'terminated'; generation: number };

export interface BackendSummary {
  /** One line for the banner, e.g. "TensorFlow.js 4.22.0, backend wasm (SIMD)". */
  description: string;
}

export type FromExecutor =
  | { type: 'backend'; summary: BackendSummary }
  /** An iopub message attributed to the request `parent` (null: the most recent execute request). */
  | ({ type: 'iopub'; parent: string | null; extras?: MessageExtras } & IopubOutput)
  /** The answer to request `id`, with the content of that request's reply type (see ExecutorCalls). */
  | { type: 'reply'; id: string; content: ExecutorReplyContent }
  /** `serial` numbers the prompt, so that an answer meant for an earlier (interrupted) one is not taken for it. */
  | { type: 'input_request'; parent: string; serial: number; content: InputRequest }
  | { type: 'interrupt_ack' }
  /** The frontend's comm message `id` has been handled (its handlers' synchronous part has run). */
  | { type: 'comm_handled'; id: string }
  | { type: 'restart_request'; reason: string };
