// Bundles each entry point into dist/ with esbuild. Packages stay external (loaded from node_modules at run time),
// so TensorFlow.js is only read from disk when the kernel first needs it.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const { apiDocsPlugin } = require('./api-docs-plugin');
const { emitTypes } = require('./emit-types');

const root = path.join(__dirname, '..');
const entries = {
  kernel: 'src/kernel/main.ts',
  worker: 'src/interpreter/runtime/worker.ts',
  'heartbeat-thread': 'src/server/heartbeat-thread.ts',
  'router-thread': 'src/server/router-thread.ts',
  cli: 'src/cli/main.ts',
  // install.js reads tsdl's CUDA folders from it without loading the CLI.
  'gpu-libraries': 'src/backend/gpu-libraries.ts',
  keras: 'src/keras/index.ts',
  'language-service': 'src/language-service/thread.ts',
};
const entryPoints = Object.fromEntries(
  Object.entries(entries).filter(([, file]) => fs.existsSync(path.join(root, file))),
);

esbuild
  .build({
    absWorkingDir: root,
    entryPoints,
    outdir: 'dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [apiDocsPlugin('src/keras')],
  })
  .then(emitTypes)
  .catch((error) => {
    if (error.message.startsWith('emit-types')) console.error(error.message);
    process.exit(1);
  });
