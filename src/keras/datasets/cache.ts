// Where Keras keeps downloaded data sets, so a cache filled by Python's Keras is found here and the other way round:
// `$KERAS_HOME/datasets` (default `~/.keras/datasets`), or `/tmp/.keras/datasets` when that is not writable.
import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';

function kerasHome(): string {
  const home = process.env.KERAS_HOME;
  if (!home) return join(homedir(), '.keras');
  return home.startsWith('~') ? join(homedir(), home.slice(1)) : home;
}

const fallbackHome = () => join(tmpdir(), '.keras');

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where the file belongs in the cache; `name` may hold a subfolder (`fashion-mnist/...`) or be absolute. */
export function cachePath(name: string, home = kerasHome()): string {
  return isAbsolute(name) ? name : join(home, 'datasets', name);
}

/** The cached file if present: in Keras's home, or in Keras's fallback when that home is not writable. */
export function findCached(name: string): string | null {
  const homes = writable(kerasHome()) ? [kerasHome()] : [kerasHome(), fallbackHome()];
  return homes.map((home) => cachePath(name, home)).find((path) => existsSync(path)) ?? null;
}

/** Where a download is saved, creating its folder; Keras's fallback is used when the home cannot be written. */
export function downloadPath(name: string): string {
  for (const home of [kerasHome(), fallbackHome()]) {
    const path = cachePath(name, home);
    try {
      mkdirSync(dirname(path), { recursive: true });
      if (writable(dirname(path))) return path;
    } catch {
      // Not creatable: try the next home, as Keras does.
    }
  }
  throw new Error(`Neither ${kerasHome()} nor ${fallbackHome()} is writable: set KERAS_HOME to a writable folder.`);
}
