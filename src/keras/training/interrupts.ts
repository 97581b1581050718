// How training meets a kernel interrupt. The kernel asks running fits to stop after their current batch; a batch
// itself runs under a guard the kernel installs, so its JavaScript is never cut off halfway; and when the kernel did
// cut JavaScript off (user code spinning inside a callback), fits that will never resume are let go and the
// TensorFlow.js scopes left open on the cut-off stack are closed.
import * as tf from '@tensorflow/tfjs';

type Guard = <T>(work: () => T) => T;

let guard: Guard = (work) => work();
let stopIfInterrupted: () => void = () => {};

/**
 * Installed by the kernel: `kernelGuard` runs a batch where an interrupt waits for it to end instead of terminating
 * it; `kernelStop` throws the kernel's interrupt error when the running cell has been interrupted.
 */
export function setBatchGuard(kernelGuard: Guard, kernelStop: () => void): void {
  guard = kernelGuard;
  stopIfInterrupted = kernelStop;
}

/** One batch of fit, evaluate or predict. */
export function guardedBatch<T>(work: () => T): T {
  return guard(work);
}

/**
 * One batch of a synchronous call (predict, trainOnBatch, testOnBatch). Such a call never yields, so a loop of them
 * would never hear of an interrupt and, its batches being guarded, never be cut off either: an interrupt that came
 * before the batch throws instead of running it, as KeyboardInterrupt does in Keras.
 */
export function guardedSyncBatch<T>(work: () => T): T {
  stopIfInterrupted();
  return guard(work);
}

/** One fit() as the interrupt machinery sees it, from startedFit() to its end(). */
export interface RunningFit {
  stop(): void;
  /**
   * Resolves when the kernel asks this fit to stop: the fit stops waiting for a callback's pending promise then,
   * so an interrupt ends it even while a callback awaits something that never comes.
   */
  stopRequested: Promise<void>;
  /** Settles `finished`: the fit returned or threw. */
  end(): void;
  /** Lets go of a fit that will never resume: what its `finally` would have done, then `end()`. */
  abandon(): void;
  finished: Promise<void>;
}

const running = new Set<RunningFit>();

/**
 * Registers a fit() until its `end()`: an interrupt stops it, and an interrupted cell waits for it. `cleanUp` is
 * what the fit's own `finally` does (close its progress, free its tensors), for a fit cut off before it got there.
 */
export function startedFit(stopTraining: () => void, cleanUp: () => void): RunningFit {
  let settle!: () => void;
  let requested!: () => void;
  const fit: RunningFit = {
    stop: () => {
      stopTraining();
      requested();
    },
    stopRequested: new Promise<void>((resolve) => (requested = resolve)),
    end: () => {
      running.delete(fit);
      settle();
    },
    abandon: () => {
      if (!running.has(fit)) return;
      cleanUp();
      fit.end();
    },
    finished: new Promise<void>((resolve) => (settle = resolve)),
  };
  running.add(fit);
  return fit;
}

/**
 * Asks every running fit() to stop after its current batch (what Keras does on KeyboardInterrupt, more gently).
 * Returns how many were asked. The kernel calls this on interrupt_request.
 */
export function interruptTraining(): number {
  for (const fit of running) fit.stop();
  return running.size;
}

/**
 * Resolves once every fit() running now has ended: an interrupted cell's reply waits for it, so the last progress
 * and chart updates come before the error.
 */
export async function trainingStopped(): Promise<void> {
  await Promise.all([...running].map((fit) => fit.finished));
}

interface EngineInternals {
  state: { scopeStack: unknown[]; kernelDepth: number; gradientDepth: number; activeTape: unknown; numDataMovesStack: unknown[] };
  endScope(result?: unknown): void;
}

/** Resolves after `turns` turns of the event loop's check phase. */
async function turnsOfEventLoop(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * The kernel terminated JavaScript: code on that stack (a fit inside a callback, a tf.tidy, a gradient tape) will
 * never finish, and its engine state is put back as it stands between cells, open scopes ended so the tensors
 * they tracked are freed. Fits are asked to stop; one that was waiting (on its yield or a callback, which it stops
 * waiting for) ends within a few turns of the event loop, since no batch can be running now: one that has not
 * ended by then was on the cut-off stack, and is let go.
 */
export function recoverFromTermination(): void {
  const stopping = [...running];
  for (const fit of stopping) fit.stop();
  void turnsOfEventLoop(3).then(() => {
    for (const fit of stopping) fit.abandon();
  });
  const engine = tf.engine() as unknown as EngineInternals;
  while (engine.state.scopeStack.length > 0) engine.endScope();
  engine.state.kernelDepth = 0;
  engine.state.gradientDepth = 0;
  engine.state.activeTape = null;
  engine.state.numDataMovesStack = [];
}
