// Versions read from package.json files, cached: the banner and `tsdl doctor` both report them.
import { readFileSync } from 'fs';
import { join } from 'path';
import { packageRoot } from '../shared/package-root';

const cache = new Map<string, string | null>();

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
