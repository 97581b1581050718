// How the kernel starts the language service's process from its startup snapshot, which scripts/build.js builds
// (it reads this module from dist/). A snapshot starts only in the Node.js that built it, with the same V8 flags: its
// name carries the version, so another Node.js finds none and starts the plain script.
import { join } from 'path';

/** TypeScript's own heap, bounded: past it the process ends and the next request starts a fresh one. */
export const LANGUAGE_SERVICE_FLAGS = ['--max-old-space-size=1024'];

export function languageServiceSnapshot(root: string, version: string = process.version): string {
  return join(root, 'dist', `language-service-${version}.blob`);
}
