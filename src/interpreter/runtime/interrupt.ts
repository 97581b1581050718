// Interrupts as seen from the executor: a generation counter in shared memory that the main thread bumps, checked
// on the way back from every await in a cell and before every callback a cell hands to .then/.catch/.finally, and a
// deferred that a pending cell races against.
import { SHARED } from '../../shared/executor-protocol';

// Captured: cells run on top of these, and a cell may replace Atomics or Reflect.
const { add, load, store, sub } = Atomics;
const { apply } = Reflect;

export class InterruptError extends Error {
  override name = 'InterruptError';

  constructor(message = 'the cell was interrupted (KeyboardInterrupt)') {
    super(message);
  }
}

let shared: Int32Array = new Int32Array(SHARED.length);

export function useSharedState(state: Int32Array): void {
  shared = state;
}

export function generation(): number {
  return load(shared, SHARED.interruptGeneration);
}

/**
 * The generation a chained callback passed its check under, while it runs. What it sets up (another chained
 * callback, an await) takes that generation rather than the current one: an interrupt that lands after the check,
 * while the callback runs, must still stop what it starts, or a `.finally(again)` loop carries on under the new one.
 */
let callbackGeneration: number | null = null;

/** The generation the running code answers to: its callback's, or the current one. Cells call it as `gen()`. */
export function codeGeneration(): number {
  return callbackGeneration ?? generation();
}

/** Called as `resume(generationBeforeAwait, await x)`: an interrupt during the await ends the awaiting code. */
export function resume<T>(before: number, value: T): T {
  if (generation() !== before) throw new InterruptError();
  return value;
}

/**
 * Called as `p.then(chain(f))` for every .then/.catch/.finally in a cell: a callback that comes due after an
 * interrupt throws instead of running, so a promise chain that keeps scheduling itself (a `.then(step)` loop) ends
 * with the cell, as an await does. Anything that is not a function passes through unchanged.
 */
export function chain<T>(callback: T): T {
  if (typeof callback !== 'function') return callback;
  const before = codeGeneration();
  return function (this: unknown, ...args: unknown[]): unknown {
    if (generation() !== before) throw new InterruptError();
    const outer = callbackGeneration;
    callbackGeneration = before;
    try {
      return apply(callback, this, args);
    } finally {
      callbackGeneration = outer;
    }
  } as T;
}

export function setExecuting(executing: boolean): void {
  store(shared, SHARED.executing, executing ? 1 : 0);
}

/**
 * Runs work that must not be terminated halfway: the executor's own (compiling a cell, loading the API) and a batch
 * of TensorFlow.js work in fit/evaluate/predict, which would leave the engine's scopes or a model's weights half
 * updated. An interrupt then only bumps the generation, and the cell stops as soon as that work ends. Nests.
 */
export function uninterruptible<T>(work: () => T): T {
  add(shared, SHARED.ownWork, 1);
  add(shared, SHARED.ownWorkChanges, 1);
  const done = (): void => {
    sub(shared, SHARED.ownWork, 1);
    add(shared, SHARED.ownWorkChanges, 1);
  };
  let async = false;
  try {
    const result = work();
    if (result instanceof Promise) {
      async = true;
      return result.finally(done) as T;
    }
    return result;
  } finally {
    if (!async) done();
  }
}

/** After the main thread terminated JavaScript: no uninterruptible work can still be on the cut-off stack. */
export function clearOwnWork(): void {
  store(shared, SHARED.ownWork, 0);
}

export function setInUnsafeCallback(inside: boolean): void {
  store(shared, SHARED.inUnsafeCallback, inside ? 1 : 0);
}

type TimerFunction = (callback: (...args: unknown[]) => void, ...rest: unknown[]) => unknown;

/**
 * User callbacks run from Node's timer and nextTick machinery are flagged, so the main thread knows not to
 * terminate JavaScript there (that corrupts Node's async-hook stack and aborts the process).
 */
export function flagTimerCallbacks(target: typeof globalThis): void {
  const wrap = (original: TimerFunction): TimerFunction =>
    function (this: unknown, callback, ...rest) {
      if (typeof callback !== 'function') return original.call(this, callback, ...rest);
      const flagged = function (this: unknown, ...args: unknown[]): void {
        setInUnsafeCallback(true);
        try {
          callback.apply(this, args);
        } finally {
          setInUnsafeCallback(false);
        }
      };
      return original.call(this, flagged, ...rest);
    };
  const timers = target as unknown as Record<string, TimerFunction>;
  for (const name of ['setTimeout', 'setInterval', 'setImmediate']) {
    const original = timers[name];
    // Keep util.promisify(setTimeout) and friends working.
    timers[name] = Object.assign(wrap(original), original);
  }
  const nextTick = process.nextTick as unknown as TimerFunction;
  process.nextTick = wrap(nextTick) as unknown as typeof process.nextTick;
}
