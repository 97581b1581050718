// The executor worker's entry: the user's persistent context. It receives requests from the main thread, runs
// cells, completes, inspects, and routes comms and stdin answers.
import { parentPort, workerData } from 'worker_threads';
import { packageRoot } from '../../shared/package-root';
import type { ExecuteReply } from '../../protocol/messages';
import {
  failedReply,
  type ExecutorReplyContent,
  type ExecutorRequest,
  type ExecutorRequestType,
  type ToExecutor,
} from '../../shared/executor-protocol';
import { captureStdio } from './capture';
import { CommRegistry } from './comms';
import { complete } from '../introspection/complete';
import { errorReply, executeCell, interruptRunningCell } from './execute';
import { installGlobals, interruptTraining, preloadReady, recoverFromTermination } from './globals';
import { inspect } from '../introspection/inspect';
import { CellImporter } from './importer';
import { clearOwnWork, flagTimerCallbacks, useSharedState } from './interrupt';
import { reclaimIntrinsics } from './intrinsics';
import { isComplete } from '../introspection/is-complete';
import { currentRequest, flushOutputs, post, setCurrentParent } from './outbox';
import { answerInput } from './stdin';
import { startTranspiler } from '../compile/transpile';
import { formatRuntimeError, installStackCapture } from './errors';

const data = workerData as { shared: Int32Array; cwd: string };
useSharedState(data.shared);
captureStdio();
installStackCapture();
const comms = new CommRegistry();
const importer = new CellImporter([data.cwd, packageRoot()]);
installGlobals({ comms, importer });
flagTimerCallbacks(globalThis);

// A user's process.exit() ends only this worker; the kernel then starts a fresh context and says why.
const exitWorker = process.exit.bind(process);
process.exit = ((code?: number) => {
  post({ type: 'restart_request', reason: `process.exit(${code ?? ''}) was called: the kernel restarts its context` });
  exitWorker(code);
}) as typeof process.exit;

// Errors that escape every cell (a rejected promise nobody awaited, a throw in a timer) are reported, never fatal.
function reportStray(kind: string, thrown: unknown): void {
  reclaimIntrinsics();
  process.stderr.write(`${kind}:\n${formatRuntimeError(thrown).traceback.join('\n')}\n`);
}
process.on('unhandledRejection', (reason) => reportStray('Unhandled promise rejection', reason));
process.on('uncaughtException', (error) => reportStray('Uncaught exception', error));

function reply<T extends ExecutorRequestType>(request: ExecutorRequest<T>, content: ExecutorReplyContent<T>): void {
  post({ type: 'reply', id: request.id, content });
}

/**
 * A cell that threw outside its own code (its result could not be sent: a Jupyter.display bundle that is not JSON)
 * fails as any cell does, with an error output and reply, and the kernel goes on.
 */
function failedCell(request: ExecutorRequest<'execute_request'>, error: unknown): ExecuteReply {
  return errorReply(request.execution_count, formatRuntimeError(error), request.content.silent);
}

// Shell requests arrive one at a time from the main thread's queue; comms and stdin may arrive during a cell.
async function handle(message: ToExecutor): Promise<void> {
  switch (message.type) {
    case 'execute_request':
      reply(message, await executeCell(message, preloadReady).catch((error: unknown) => failedCell(message, error)));
      break;
    case 'complete_request':
      // Completion looks into tf, layers and the rest: wait until they are defined (as a cell does).
      await preloadReady();
      reply(message, { status: 'ok', ...complete(message.content.code, message.content.cursor_pos) });
      break;
    case 'inspect_request': {
      await preloadReady();
      const { code, cursor_pos, detail_level } = message.content;
      reply(message, { status: 'ok', metadata: {}, ...inspect(code, cursor_pos, detail_level) });
      break;
    }
    case 'is_complete_request':
      reply(message, isComplete(message.content.code));
      break;
    case 'comm_info_request':
      reply(message, { status: 'ok', comms: comms.list(message.content.target_name) });
      break;
    case 'comm_open':
    case 'comm_msg':
    case 'comm_close': {
      // A comm message may arrive while a cell awaits: its handler's outputs belong to the comm message, and the
      // cell's own later outputs (its execute_result too) must still go to the cell.
      const cell = currentRequest();
      setCurrentParent(message.id);
      try {
        const extras = { metadata: message.metadata, buffers: message.buffers };
        if (message.type === 'comm_open') comms.handleOpen(message.content, extras);
        else if (message.type === 'comm_msg') comms.handleMsg(message.content, extras);
        else comms.handleClose(message.content, extras);
      } finally {
        flushOutputs();
        setCurrentParent(cell);
        post({ type: 'comm_handled', id: message.id });
      }
      break;
    }
    case 'input_reply':
      answerInput(message.content.value, message.serial);
      break;
    case 'interrupt':
    case 'terminated':
      if (message.type === 'terminated') {
        clearOwnWork();
        recoverFromTermination();
      }
      if (interruptRunningCell(message.generation)) interruptTraining();
      if (message.type === 'interrupt') post({ type: 'interrupt_ack' });
      break;
  }
}

/** Requests taken and not yet answered. */
let requestsInFlight = 0;
/** The preload is done and esbuild's service has not been started yet (see below). */
let transpilerWaits = false;

function startTranspilerIfIdle(): void {
  if (!transpilerWaits || requestsInFlight > 0) return;
  transpilerWaits = false;
  startTranspiler();
}

parentPort?.on('message', (message: ToExecutor) => {
  // The kernel takes over: builtins that cells (or code they left running) replaced come back first.
  reclaimIntrinsics();
  const isRequest = message.type.endsWith('_request');
  if (isRequest) requestsInFlight += 1;
  handle(message)
    .catch((error: Error) => {
      process.stderr.write(`tsdl executor: ${error.stack ?? error.message}\n`);
      // A request the main thread waits on must be answered, or its shell queue waits forever.
      if (isRequest) {
        const request = message as ExecutorRequest;
        reply(request, failedReply(request, 'KernelError', error.message, [`KernelError: ${error.message}`]));
      }
    })
    .finally(() => {
      if (isRequest && --requestsInFlight === 0 && transpilerWaits) setImmediate(startTranspilerIfIdle);
    });
});
// esbuild's synchronous API starts its service (a thread and a Go child process) on first use and blocks until it
// answers: start it once TensorFlow.js is loaded and no request is in flight, so that neither the start-up, the
// preload nor a first cell that waited for the preload (JavaScript needs no esbuild) waits for it too. A TypeScript
// cell that comes first starts it itself.
void preloadReady().then(() => {
  transpilerWaits = true;
  setImmediate(startTranspilerIfIdle);
});
