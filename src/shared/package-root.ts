// The tsdl package root, found from this file's own folder: bundled, it runs from dist/ (one level below the root);
// from source (esbuild-register in tests, bench scripts) from src/shared/ (two levels below).
import { readFileSync } from 'fs';
import { dirname, join } from 'path';

let root: string | undefined;

/** The nearest folder above this file whose package.json is tsdl's. */
export function packageRoot(): string {
  if (root !== undefined) return root;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'tsdl') return (root = dir);
    } catch {
      // not here; look one level up
    }
    if (dirname(dir) === dir) throw new Error('cannot find the tsdl package root');
  }
}
