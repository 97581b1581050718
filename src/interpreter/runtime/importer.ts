// `import` in cells: resolve from the kernel's working directory (the notebook's folder) first, then from tsdl's
// own node_modules. CommonJS packages are required; ESM-only packages and node: builtins are imported.
import { builtinModules, createRequire } from 'module';
import { join } from 'path';
import { pathToFileURL } from 'url';

// esbuild would turn a literal import() into require(); this keeps a real dynamic import for ESM-only packages.
const dynamicImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

type EsmResolve = (specifier: string, parent: string) => string;
let esmResolve: EsmResolve | null = null;

async function resolveEsm(specifier: string, fromDirs: string[]): Promise<string | null> {
  if (!esmResolve) {
    esmResolve = ((await dynamicImport('import-meta-resolve')) as { resolve: EsmResolve }).resolve;
  }
  for (const dir of fromDirs) {
    try {
      return esmResolve(specifier, pathToFileURL(join(dir, 'cell.js')).href);
    } catch {
      // not resolvable from this folder; try the next
    }
  }
  return null;
}

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || builtinModules.includes(specifier);
}

export class CellImporter {
  constructor(private readonly dirs: string[]) {}

  /** The first folder whose CommonJS resolution finds the specifier. */
  private resolveCommonJs(specifier: string): { requireFrom: NodeJS.Require; resolved: string } | null {
    for (const dir of this.dirs) {
      const requireFrom = createRequire(join(dir, 'cell.js'));
      try {
        return { requireFrom, resolved: requireFrom.resolve(specifier) };
      } catch {
        // not resolvable from this folder; try the next
      }
    }
    return null;
  }

  private notFound(specifier: string): Error {
    return new Error(`Cannot find module '${specifier}' (looked in ${this.dirs.map((dir) => join(dir, 'node_modules')).join(' and ')})`);
  }

  /** `require` in cells (esbuild turns `import x = require('m')` into it): the same folders, CommonJS only. */
  require(specifier: string): unknown {
    if (isBuiltin(specifier)) return createRequire(__filename)(specifier);
    const found = this.resolveCommonJs(specifier);
    if (!found) throw this.notFound(specifier);
    return found.requireFrom(found.resolved);
  }

  /** The module's namespace: for CommonJS, its exports with a `default` pointing at them (esModuleInterop). */
  async importModule(specifier: string): Promise<unknown> {
    if (isBuiltin(specifier)) return withDefault(createRequire(__filename)(specifier));
    const found = this.resolveCommonJs(specifier);
    if (found) {
      try {
        return withDefault(found.requireFrom(found.resolved));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ERR_REQUIRE_ESM') throw error;
        return dynamicImport(pathToFileURL(found.resolved).href);
      }
    }
    const esm = await resolveEsm(specifier, this.dirs);
    if (esm) return dynamicImport(esm);
    throw this.notFound(specifier);
  }
}

function withDefault(exports: unknown): unknown {
  if (typeof exports === 'object' && exports !== null && '__esModule' in exports) return exports;
  if ((typeof exports === 'object' && exports !== null) || typeof exports === 'function') {
    return new Proxy(exports as object, {
      get: (target, key, receiver) => (key === 'default' ? target : Reflect.get(target, key, receiver)),
      has: (target, key) => key === 'default' || Reflect.has(target, key),
    });
  }
  return { default: exports };
}
