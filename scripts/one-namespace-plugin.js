// An esbuild plugin: every `import * as tf from '@tensorflow/tfjs'` in a bundle shares one namespace object.
// Without it esbuild wraps the external package once per importing file, copying its 500 exports into a new object
// each time (over 50 files in the Keras API): a sixth of the time before the first cell that touches `tf` could run.
const NAMESPACE = 'one-namespace';

/** The plugin, for the external packages named in `packages`. */
function oneNamespacePlugin(packages) {
  const names = new Set(packages);
  return {
    name: 'one-namespace',
    setup(build) {
      build.onResolve({ filter: /^@?[\w./-]+$/ }, (args) => {
        // require.resolve() and the like want the package's path, not a module.
        if (!names.has(args.path) || args.kind !== 'import-statement') return undefined;
        // The shared module's own import is the real, external package.
        if (args.namespace === NAMESPACE) return { path: args.path, external: true };
        return { path: args.path, namespace: NAMESPACE };
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({
        contents: `export * from ${JSON.stringify(args.path)};`,
        loader: 'js',
        resolveDir: build.initialOptions.absWorkingDir,
      }));
    },
  };
}

module.exports = { oneNamespacePlugin };
