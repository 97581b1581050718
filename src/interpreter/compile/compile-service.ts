// The esbuild service that compiles cells is a child process of the kernel. Jupyter clients interrupt a kernel by
// signalling its whole process group, so the kernel starts the service in a session of its own (through
// kernel/esbuild-own-session.sh, named by ESBUILD_BINARY_PATH), and brings it back should it die anyway.
import type { TransformOptions, TransformResult } from 'esbuild';
import { existsSync, writeSync } from 'fs';
import { join } from 'path';

/**
 * Makes the esbuild services started from now on (in this thread and in workers started after the call) run in a
 * session of their own. Call before esbuild is first loaded in the kernel's process.
 */
export function keepCompilerOutOfSignalGroup(packageRoot: string): void {
  const wrapper = join(packageRoot, 'kernel', 'esbuild-own-session.sh');
  const binary = esbuildBinary();
  if (process.platform === 'win32' || !binary || !existsSync(wrapper)) return;
  process.env.TSDL_ESBUILD_BINARY = binary;
  process.env.ESBUILD_BINARY_PATH = wrapper;
}

/** The native esbuild executable: the platform package's, else the one esbuild's install put in its own bin/. */
function esbuildBinary(): string | null {
  for (const id of [`@esbuild/${process.platform}-${process.arch}/bin/esbuild`, 'esbuild/bin/esbuild']) {
    try {
      return require.resolve(id);
    } catch {
      // not installed this way; try the next
    }
  }
  return null;
}

let restartReported = false;
let esbuild: typeof import('esbuild') | null = null;

function serviceDied(error: unknown): boolean {
  return error instanceof Error && /service (is no longer running|was stopped)/.test(error.message);
}

/** esbuild's transformSync; when its service has died, starts a new one (saying so once on stderr) and retries. */
export function transformWithRestart(source: string, options: TransformOptions): TransformResult {
  // Loaded on first use: the kernel's main thread imports this module only to set the service up.
  esbuild ??= require('esbuild') as typeof import('esbuild');
  const { transformSync, stop } = esbuild;
  try {
    return transformSync(source, options);
  } catch (error) {
    if (!serviceDied(error)) throw error;
    if (!restartReported) {
      restartReported = true;
      // The kernel's own stderr (its log), not the worker's process.stderr, which goes to the notebook.
      writeSync(2, `[tsdl] esbuild's compile service stopped (${(error as Error).message}); started a new one\n`);
    }
    void stop();
    return transformSync(source, options);
  }
}
