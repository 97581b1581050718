// Versions read from package.json files, cached: the banner and `tsdl doctor` both report them.
import { readFileSync } from 'fs';
import { join } from 'path';

const cache = new Map<string, string | null>();

/** The tsdl package root: dist/ and src/server/ both sit two levels or one level below it. */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 4; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'tsdl') return dir;
    } catch {
      // not here; look one level up
    }
    dir = join(dir, '..');
  }
  throw new Error('cannot find the tsdl package root');
}

export function tsdlVersion(): string {
  return packageVersion('tsdl') ?? '0.0.0';
}

export function packageVersion(name: string): string | null {
  if (!cache.has(name)) {
    const file = name === 'tsdl' ? join(packageRoot(), 'package.json') : join(packageRoot(), 'node_modules', name, 'package.json');
    try {
      cache.set(name, (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version);
    } catch {
      cache.set(name, null);
    }
  }
  return cache.get(name) ?? null;
}
