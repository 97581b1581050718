// Loads the Keras-like API bundle (dist/keras.js), chooses the backend, and installs the kernel's presenter so
// model.summary() and fit() show rich, live outputs instead of printing text.
import type { BackendInfo } from '../../backend/types';
import type { KerasPresenter } from '../../keras/presenter';
import { withTfjsPartsDeferred } from './deferred-tfjs-parts';
import { stopIfCellInterrupted } from './execute';
import { uninterruptible } from './interrupt';
import { kernelPresenter } from './keras-presenter';

type KerasApi = Record<string, unknown>;

interface KerasBundle extends KerasApi {
  initBackend(options?: { forced?: string }): Promise<BackendInfo>;
  /** The tfjs module to show as `tf`: a native backend package's own re-export when one was chosen. */
  activeTf(): unknown;
  setPresenter(presenter: KerasPresenter | null): void;
  interruptTraining(): number;
  trainingStopped(): Promise<void>;
  setBatchGuard(guard: <T>(work: () => T) => T, stopIfInterrupted: () => void): void;
  recoverFromTermination(): void;
}

export interface LoadedKeras {
  api: KerasApi;
  description: string;
  interruptTraining(): void;
  /** Resolves once every fit() running now has ended. */
  trainingStopped(): Promise<void>;
  /** After the main thread terminated JavaScript: lets go of cut-off fits and closes cut-off TensorFlow.js scopes. */
  recoverFromTermination(): void;
}

const FATAL_EVENTS = ['uncaughtException', 'unhandledRejection'] as const;

/**
 * Emscripten's glue in the wasm backend installs process-wide handlers that rethrow every uncaught exception and
 * unhandled rejection, which would end the executor on the first stray error of a cell: take them back out.
 */
async function withoutFatalHandlers<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map<string, Set<unknown>>(FATAL_EVENTS.map((event) => [event, new Set(process.rawListeners(event))]));
  try {
    return await load();
  } finally {
    for (const event of FATAL_EVENTS) {
      for (const listener of process.rawListeners(event)) {
        if (!before.get(event)?.has(listener)) process.removeListener(event, listener as NodeJS.UncaughtExceptionListener & NodeJS.UnhandledRejectionListener);
      }
    }
  }
}

/** One banner line: "TensorFlow.js 4.22.0, backend wasm on CPU (WebAssembly SIMD), tsdl fast kernels". */
function describeBackend(info: BackendInfo): string {
  const fast = info.fastPath.active ? `, ${info.fastPath.detail}` : '';
  const others = info.candidates
    .filter((candidate) => !candidate.chosen)
    .map((candidate) => `${candidate.id}: ${candidate.reason}`)
    .join('; ');
  return `TensorFlow.js ${info.version}, backend ${info.name} on ${info.device}${fast}${others ? `\nNot chosen: ${others}` : ''}`;
}

export async function loadKeras(bundleFile: string): Promise<LoadedKeras> {
  const { keras, info } = await withoutFatalHandlers(async () => {
    const bundle = withTfjsPartsDeferred(() => require(bundleFile) as KerasBundle);
    return { keras: bundle, info: await bundle.initBackend({ forced: process.env.TSDL_BACKEND }) };
  });
  keras.setPresenter(kernelPresenter);
  keras.setBatchGuard(uninterruptible, stopIfCellInterrupted);
  return {
    api: { ...keras, tf: keras.activeTf() },
    description: describeBackend(info),
    interruptTraining: () => void keras.interruptTraining(),
    trainingStopped: () => keras.trainingStopped(),
    recoverFromTermination: () => keras.recoverFromTermination(),
  };
}
