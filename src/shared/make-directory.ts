// `mkdir -p` that says why it failed. Node's recursive mkdir reports a read-only file system, a full disk or a
// forbidden parent as ENOENT (nodejs/node#31481, #42808, #47098) and never returns under /proc; one level at a time,
// each mkdir fails with its real cause and its own path.
import { existsSync, mkdirSync } from 'fs';
import { dirname, resolve } from 'path';

/** Creates `dir` and its missing parents, new ones with `mode` (less the umask). */
export function makeDirectory(dir: string, mode = 0o777): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at); at = dirname(at)) {
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const path of missing.reverse()) {
    try {
      mkdirSync(path, { mode });
    } catch (error) {
      // Made by someone else meanwhile: fine, as mkdir -p.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
