// Runs one cell: transpile, rewrite, run in the persistent (main-realm) context, await, then publish the result
// or the error. Interrupts race the cell; outputs and the reply always leave in order.
import { types } from 'util';
import { MessageChannel } from 'worker_threads';
import type { ErrorContent, ExecuteReply, JsonObject } from '../../protocol/messages';
import type { ExecutorRequest } from '../../shared/executor-protocol';
import { DisplayHandle, renderValue } from './display-api';
import { foldedCause, formatRuntimeError, formatSyntaxError, registerCell } from './errors';
import { generation, InterruptError, setExecuting, uninterruptible } from './interrupt';
import { helpQuery } from './help-query';
import { runGlobalScript } from './global-script';
import { captureSettled } from './widgets/capture-settle';
import { reclaimIntrinsics } from './intrinsics';
import { flushOutputs, publish, setCurrentParent, settleTracked, writeStream } from './outbox';
import { analyzeCell } from '../compile/cell-value';
import { rewriteCell } from '../compile/rewrite';
import { cancelInput, setAllowStdin } from './stdin';
import { transpileCell, type CellSyntaxError } from '../compile/transpile';

interface RunningCell {
  interrupt(error: Error): void;
}

/** What a cell's script and runScript resolve to: an object without a prototype (see opaque). */
interface Outcome {
  value: unknown;
}

// Captured: a cell may replace Object.setPrototypeOf.
const { setPrototypeOf } = Object;

/**
 * An object the executor resolves a promise with, made prototype-less: were Object.prototype.then defined by a
 * cell, resolving with an ordinary object would call it, and the promise might never settle.
 */
function opaque<T extends object>(value: T): T {
  return setPrototypeOf(value, null) as T;
}

let running: RunningCell | null = null;
/** The interrupt generation when the cell now executing started; null between cells. */
let cellStartGeneration: number | null = null;
/** Pager payloads (help()) collected during the running cell, sent in its execute_reply. */
let payloads: JsonObject[] = [];
let cellSerial = 0;

export function addPayload(payload: JsonObject): void {
  payloads.push(payload);
}

/**
 * The main thread asked for interrupt `generation`: a cell that started before it and waits on a promise (or on
 * input) is rejected now. An interrupt that was still on its way when its cell ended spares the next cell.
 */
export function interruptRunningCell(generation: number): boolean {
  if (!interruptsRunningCell(generation)) return false;
  const error = new InterruptError();
  cancelInput(error);
  running?.interrupt(error);
  return true;
}

/**
 * Throws InterruptError when the cell now executing was interrupted: synchronous Keras calls (predict, trainOnBatch)
 * ask before each batch, since a loop of them never yields to hear of the interrupt.
 */
export function stopIfCellInterrupted(): void {
  if (interruptsRunningCell(generation())) throw new InterruptError();
}

/** Whether interrupt `generation` came after the cell now executing started (none is executing: no). */
function interruptsRunningCell(generation: number): boolean {
  return cellStartGeneration !== null && generation > cellStartGeneration;
}

/** An error output (unless silent) and the execute_reply that goes with it. */
export function errorReply(count: number, error: ErrorContent, silent: boolean): ExecuteReply {
  if (!silent) publish('error', { ...error });
  return opaque({ status: 'error', execution_count: count, ...error });
}

// User code starts from a MessagePort message, with none of the executor's own frames beneath it: if the main
// thread has to terminate a spinning cell, only this trampoline unwinds (Node's timer and immediate queues would be
// corrupted), and the cell's promise is settled from outside through `running`.
const trampoline = new MessageChannel();
let nextJob: (() => void) | null = null;
trampoline.port2.on('message', () => {
  const job = nextJob;
  nextJob = null;
  job?.();
});

/**
 * Runs the compiled cell and races it against interrupts; resolves to the last expression's value (awaited when it
 * is a Promise). The builtins a kernel relies on are taken back as soon as the cell's own code has ended.
 */
function runScript(code: string, filename: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    running = { interrupt: reject };
    nextJob = () => void finish(() => runGlobalScript(code, filename) as Promise<Outcome>, resolve, reject);
    trampoline.port1.postMessage(null);
  });
}

// Only awaits here, no .then(): a cell may have replaced Promise.prototype.then.
async function finish(script: () => Promise<Outcome>, resolve: (outcome: Outcome) => void, reject: (error: unknown) => void): Promise<void> {
  try {
    let value: unknown;
    try {
      ({ value } = await script());
    } finally {
      reclaimIntrinsics();
    }
    resolve(opaque({ value: types.isPromise(value) ? await value : value }));
  } catch (error) {
    reject(error);
  }
}

type CompiledCell =
  | { ok: true; code: string; filename: string; endsWithSemicolon: boolean }
  | { ok: false; error: CellSyntaxError };

/**
 * TypeScript → the rewritten JavaScript that runs in the persistent context, registered for tracebacks. The cell
 * is lexed once: its analysis serves the transpile, the trailing-semicolon rule and the doc comments.
 */
function compileCell(source: string, count: number): CompiledCell {
  const shape = analyzeCell(source);
  const transpiled = transpileCell(source, count, shape);
  if (!transpiled.ok) return transpiled;
  const rewritten = rewriteCell(transpiled.js, transpiled.program);
  cellSerial += 1;
  const filename = `tsdl-cell-${cellSerial}.js`;
  registerCell(filename, { cellNumber: count, source }, rewritten.declaredNames, shape.tokens);
  return { ok: true, code: rewritten.code, filename, endsWithSemicolon: shape.endsWithSemicolon };
}

export async function executeCell(request: ExecutorRequest<'execute_request'>, prepare: () => Promise<void>): Promise<ExecuteReply> {
  const count = request.execution_count;
  const command = request.content;
  setCurrentParent(request.id);
  setAllowStdin(command.allow_stdin);
  payloads = [];
  const startGeneration = generation();
  cellStartGeneration = startGeneration;
  setExecuting(true);
  try {
    await prepare();
    let value: unknown;
    let endsWithSemicolon = false;
    // A cell of only whitespace has nothing to compile or run (IPython's run_cell returns early the same way): its
    // round trip skips esbuild's service call.
    const query = helpQuery(command.code);
    if (query && 'page' in query) addPayload(query.page);
    else if (query) writeStream('stdout', query.notFound);
    else if (command.code.trim() !== '') {
      const compiled = uninterruptible(() => compileCell(command.code, count));
      if (!compiled.ok) return errorReply(count, formatSyntaxError(compiled.error, count), command.silent);
      endsWithSemicolon = compiled.endsWithSemicolon;
      // An interrupt that came while the cell was prepared or compiled stops it before it starts.
      if (generation() !== startGeneration) return errorReply(count, formatRuntimeError(new InterruptError()), command.silent);
      try {
        ({ value } = await runScript(compiled.code, compiled.filename));
      } catch (error) {
        await settleTracked();
        const cause = command.silent ? null : foldedCause(error);
        if (cause) publish('display_data', cause);
        return errorReply(count, formatRuntimeError(error), command.silent);
      }
    }
    await settleTracked();
    // A display handle is the result of `display(...)` as a cell's last line: what it shows is already out (as
    // IPython's display() returns None, and Deno's nothing).
    const shown = value !== undefined && !(value instanceof DisplayHandle);
    if (shown && !command.silent && !endsWithSemicolon) {
      const data = await renderValue(value);
      publish('execute_result', { execution_count: count, data, metadata: {} });
    }
    const reply = opaque({
      status: 'ok' as const,
      execution_count: count,
      payload: payloads,
      user_expressions: await evaluateUserExpressions(command.user_expressions),
    });
    flushOutputs();
    await captureSettled();
    return reply;
  } finally {
    running = null;
    cellStartGeneration = null;
    cancelInput(new Error('the cell finished before input arrived'));
    flushOutputs();
    setExecuting(false);
  }
}

/** user_expressions: each is evaluated in the cell's context and sent back as a MIME bundle or an error. */
async function evaluateUserExpressions(expressions: Record<string, string>): Promise<Record<string, JsonObject>> {
  const results: Record<string, JsonObject> = opaque({});
  for (const [name, expression] of Object.entries(expressions)) {
    try {
      const value: unknown = runGlobalScript(`(${expression})`, 'user_expression.js');
      results[name] = { status: 'ok', data: await renderValue(value), metadata: {} };
    } catch (error) {
      results[name] = { status: 'error', ...formatRuntimeError(error) };
    }
  }
  return results;
}
