// Messages between the kernel's main thread (sockets, protocol) and the executor worker (the user's code).
// The main thread never runs user code, so heartbeat, control and interrupts answer while a cell spins.
import type {
  CommMsg,
  CommOpen,
  CompleteReply,
  ExecuteReply,
  InspectReply,
  IsCompleteReply,
  JsonObject,
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
  length: 4,
} as const;

export interface ExecuteCommand {
  type: 'execute';
  id: string;
  code: string;
  executionCount: number;
  silent: boolean;
  storeHistory: boolean;
  userExpressions: Record<string, string>;
  allowStdin: boolean;
}

export type ToExecutor =
  | ExecuteCommand
  | { type: 'complete'; id: string; code: string; cursorPos: number }
  | { type: 'inspect'; id: string; code: string; cursorPos: number; detailLevel: 0 | 1 }
  | { type: 'is_complete'; id: string; code: string }
  | { type: 'comm_info'; id: string; targetName: string | null }
  | { type: 'comm_open'; id: string; content: CommOpen }
  | { type: 'comm_msg'; id: string; content: CommMsg }
  | { type: 'comm_close'; id: string; content: CommMsg }
  /** The answer to the input_request the worker numbered `serial`. */
  | { type: 'input_reply'; value: string; serial: number }
  /** Interrupt number `generation`: stop what runs, if it started before. */
  | { type: 'interrupt'; generation: number }
  /** The main thread terminated the worker's JavaScript for interrupt `generation`. */
  | { type: 'terminated'; generation: number };

export type ExecutorReply =
  | { kind: 'execute'; content: ExecuteReply }
  | { kind: 'complete'; content: CompleteReply }
  | { kind: 'inspect'; content: InspectReply }
  | { kind: 'is_complete'; content: IsCompleteReply }
  | { kind: 'comm_info'; content: { status: 'ok'; comms: Record<string, { target_name: string }> } }
  /** The request threw inside the executor: the main thread answers it with an error reply. */
  | { kind: 'failed'; error: string };

export interface BackendSummary {
  /** One line for the banner, e.g. "TensorFlow.js 4.22.0, backend wasm (SIMD)". */
  description: string;
}

export type FromExecutor =
  | { type: 'backend'; summary: BackendSummary }
  /** An iopub message attributed to the request `parent` (null: the most recent execute request). */
  | { type: 'iopub'; parent: string | null; msgType: string; content: JsonObject }
  | { type: 'reply'; id: string; reply: ExecutorReply }
  /** `serial` numbers the prompt, so that an answer meant for an earlier (interrupted) one is not taken for it. */
  | { type: 'input_request'; parent: string; prompt: string; password: boolean; serial: number }
  | { type: 'interrupt_ack' }
  | { type: 'restart_request'; reason: string };
