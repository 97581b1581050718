// The names every cell starts with: display and friends, input, help, comms, the hidden __tsdl runtime that
// rewritten cells call, and the Keras-like API (tf, layers, models, ...), loaded in the background at start-up.
import { join } from 'path';
import type { CommRegistry } from './comms';
import { clearOutput, display } from './display-api';
import { addPayload } from './execute';
import type { CellImporter } from './importer';
import { pagePayload } from './help-query';
import { readMember, trustNamespace } from '../introspection/live-objects';
import { chain, codeGeneration, resume, uninterruptible } from './interrupt';
import { recordIntrinsics } from './intrinsics';
import { post, track } from './outbox';
import { input } from './stdin';
import { loadKeras, type LoadedKeras } from './keras-loader';
import { installWidgets } from './widgets/install';
import { TrainingControlsFactory, widgets } from './widgets/namespace';

export const KERAS_NAMES = [
  'tf',
  'layers',
  'models',
  'optimizers',
  'losses',
  'metrics',
  'callbacks',
  'activations',
  'initializers',
  'regularizers',
  'utils',
  'datasets',
] as const;

let ready: Promise<void> = Promise.resolve();
let keras: Pick<LoadedKeras, 'interruptTraining' | 'trainingStopped' | 'recoverFromTermination'> | null = null;

/**
 * An interrupt also stops every running fit() after its current batch, keeping the weights learned so far; the
 * interrupted cell's reply waits until they have ended and shown their last progress.
 */
export function interruptTraining(): void {
  if (!keras) return;
  keras.interruptTraining();
  track(keras.trainingStopped());
}

/** The main thread terminated JavaScript: whatever training or TensorFlow.js work was on that stack is let go. */
export function recoverFromTermination(): void {
  keras?.recoverFromTermination();
}

/** Resolves once the preloaded API is usable; every cell awaits it before running. */
export function preloadReady(): Promise<void> {
  return ready;
}

/** The name a value has in the preloaded API (`tf.zeros`), for help(value) to find its documentation by; or none. */
function preloadedName(value: unknown): string | undefined {
  if (typeof value !== 'function') return undefined;
  for (const name of KERAS_NAMES) {
    const namespace = readMember(globalThis, name);
    if (!namespace.found || typeof namespace.value !== 'object' || namespace.value === null) continue;
    for (const key of Object.keys(namespace.value)) {
      const member = readMember(namespace.value, key);
      if (member.found && member.value === value) return `${name}.${key}`;
    }
  }
  return undefined;
}

function define(name: string, value: unknown): void {
  Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
}

export function installGlobals(context: { comms: CommRegistry; importer: CellImporter }): void {
  define('__tsdl', {
    importModule: (specifier: string) => context.importer.importModule(specifier),
    gen: codeGeneration,
    resume,
    chain,
    // Identity: keeps a cell's last expression through esbuild's dead-code removal (see compile/cell-value.ts).
    value: <T>(value: T): T => value,
  });
  define('require', (specifier: string) => context.importer.require(specifier));
  define('display', display);
  define('clearOutput', clearOutput);
  define('input', input);
  define('comms', context.comms);
  installWidgets(context.comms);
  define('widgets', widgets);
  define('help', (value: unknown): void => {
    addPayload(pagePayload(value, 1, undefined, undefined, preloadedName(value)));
  });
  // As in IPython: asks the frontend to close (jupyter console does; notebooks ignore it).
  const askExit = (keepKernel = false): void => addPayload({ source: 'ask_exit', keepkernel: keepKernel });
  define('exit', askExit);
  define('quit', askExit);
  // Load TensorFlow.js in the background once the worker has finished starting (its message handler installed):
  // every cell awaits it; kernel_info, answered by the main thread, never does. The builtins are recorded after it,
  // as the kernel and its libraries left them, before any cell can run.
  ready = new Promise<void>((resolve) => setImmediate(resolve))
    .then(() => uninterruptible(preload))
    .then(recordIntrinsics);
}

/** Loads the Keras-like API and defines its names; a failure leaves the kernel running without them. */
async function preload(): Promise<void> {
  try {
    const loaded = await loadKeras(join(__dirname, 'keras.js'));
    for (const name of KERAS_NAMES) {
      define(name, loaded.api[name]);
      trustNamespace(loaded.api[name]);
    }
    // TrainingControls is made of widgets, which live in the kernel's runtime rather than in the Keras bundle.
    define('callbacks', { ...(loaded.api.callbacks as object), TrainingControls: TrainingControlsFactory });
    keras = loaded;
    post({ type: 'backend', summary: { description: loaded.description } });
  } catch (error) {
    process.stderr.write(`tsdl: the Keras-like API could not be loaded: ${(error as Error).message}\n`);
  }
}
