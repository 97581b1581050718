// Loading optional backend packages: a require rooted where they are installed, and telling "not installed" apart
// from "failed to load".
import { createRequire } from 'module';
import * as path from 'path';

export type Loader = (pkg: string) => unknown;

/**
 * A `require` rooted at `dir`, so optional packages are looked up in `dir`'s node_modules chain.
 * Without `dir`, packages resolve as they would for tsdl itself.
 */
export function loaderFrom(dir?: string): Loader {
  const req = dir ? createRequire(path.join(path.resolve(dir), 'index.js')) : require;
  return (pkg) => {
    // Resolve first so "not installed" is a cheap, distinguishable failure.
    const resolved = req.resolve(pkg);
    return req(resolved) as unknown;
  };
}

/** True when `err` says the package itself is absent (not that it failed while loading). */
export function isNotInstalled(err: unknown, pkg: string): boolean {
  const e = err as { code?: string; message?: string };
  return e?.code === 'MODULE_NOT_FOUND' && typeof e.message === 'string' && e.message.includes(`'${pkg}'`);
}

/** Why `pkg` (named `label` in the reason) could not be loaded: absent, or failing as it loads. */
export function loadFailure(err: unknown, pkg: string, label = pkg): string {
  return isNotInstalled(err, pkg) ? `${label} is not installed` : `${label} failed to load: ${firstLine(err)}`;
}

/** An error's first line, for a one-line reason. */
export function firstLine(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0];
}
