// TensorFlow.js's union package (`@tensorflow/tfjs`) loads the graph-model converter and the webgl backend, which Node
// never uses at start (it has no WebGL, and graph models load on request) and which take a fifth of the time before
// the first cell that touches `tf` can run. While the union loads, these two resolve to stand-ins: the same export
// names, each loading the real package when first read, and their version read from their package.json.
import Module, { createRequire } from 'module';

/** Each deferred package, its export names (test/interpreter/deferred-tfjs-parts.test.ts checks them) and its version's. */
export const DEFERRED_PACKAGES: Record<string, { exports: string[]; version: string }> = {
  '@tensorflow/tfjs-converter': {
    exports: ['GraphModel', 'deregisterOp', 'loadGraphModel', 'loadGraphModelSync', 'registerOp', 'version_converter'],
    version: 'version_converter',
  },
  '@tensorflow/tfjs-backend-webgl': {
    exports: ['GPGPUContext', 'MathBackendWebGL', 'forceHalfFloat', 'gpgpu_util', 'setWebGLContext', 'version_webgl', 'webgl', 'webgl_util'],
    version: 'version_webgl',
  },
};

/** Runs `load` (which loads the union) with the deferred packages as stand-ins where they are not loaded yet. */
export function withTfjsPartsDeferred<T>(load: () => T): T {
  const fromUnion = createRequire(require.resolve('@tensorflow/tfjs'));
  const standIns: Module[] = [];
  for (const [name, { exports, version }] of Object.entries(DEFERRED_PACKAGES)) {
    const file = fromUnion.resolve(name);
    if (require.cache[file]) continue;
    const standIn = new Module(file);
    standIn.filename = file;
    standIn.loaded = true;
    for (const key of exports) {
      const get = key === version ? () => (fromUnion(`${name}/package.json`) as { version: string }).version : () => (fromUnion(name) as Record<string, unknown>)[key];
      Object.defineProperty(standIn.exports, key, { enumerable: true, get });
    }
    require.cache[file] = standIn;
    standIns.push(standIn);
  }
  try {
    return load();
  } finally {
    // From here on, the first read of a stand-in's export loads the real package.
    for (const standIn of standIns) if (require.cache[standIn.filename] === standIn) delete require.cache[standIn.filename];
  }
}
