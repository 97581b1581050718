// Bundles each entry point into dist/ with esbuild. Packages stay external (loaded from node_modules at run time),
// so TensorFlow.js is only read from disk when the kernel first needs it. The language service is the exception: a
// V8 startup snapshot is built from it, and a snapshot can hold one script only, TypeScript included.
const { execFileSync } = require('child_process');
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');
const { apiDocsPlugin } = require('./api-docs-plugin');
const { emitTypes } = require('./emit-types');
const { oneNamespacePlugin } = require('./one-namespace-plugin');

const root = path.join(__dirname, '..');
const entries = {
  kernel: 'src/kernel/main.ts',
  worker: 'src/interpreter/runtime/worker.ts',
  'heartbeat-thread': 'src/server/heartbeat-thread.ts',
  'router-thread': 'src/server/router-thread.ts',
  cli: 'src/cli/main.ts',
  // install.js reads tsdl's CUDA folders from it without loading the CLI.
  'gpu-libraries': 'src/backend/gpu-libraries.ts',
  // This script reads where to write the language service's snapshot from it.
  'language-service-snapshot': 'src/shared/language-service-snapshot.ts',
  keras: 'src/keras/index.ts',
};
const entryPoints = Object.fromEntries(
  Object.entries(entries).filter(([, file]) => fs.existsSync(path.join(root, file))),
);

const common = { absWorkingDir: root, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' };

/**
 * The language service's process with the declarations it reads already parsed (src/language-service/process.ts),
 * for this Node.js only. Without it (a build that failed, another Node.js) the kernel starts the plain script.
 */
function buildLanguageServiceSnapshot() {
  const { LANGUAGE_SERVICE_FLAGS, languageServiceSnapshot } = require(path.join(root, 'dist', 'language-service-snapshot.js'));
  for (const old of fs.readdirSync(path.join(root, 'dist')).filter((name) => /^language-service-.*\.blob$/.test(name))) {
    fs.rmSync(path.join(root, 'dist', old));
  }
  const entry = path.join(root, 'dist', 'language-service.js');
  try {
    // --no-warnings: Node.js warns that snapshots of perf_hooks, which TypeScript loads but does not use here, are untested.
    execFileSync(process.execPath, ['--no-warnings', ...LANGUAGE_SERVICE_FLAGS, '--snapshot-blob', languageServiceSnapshot(root), '--build-snapshot', entry], { stdio: 'inherit' });
  } catch {
    console.error('build: the language service snapshot could not be built; completions will be slower to start');
  }
}

esbuild
  .build({ ...common, entryPoints, outdir: 'dist', packages: 'external', sourcemap: 'linked', plugins: [apiDocsPlugin('src/keras'), oneNamespacePlugin(['@tensorflow/tfjs'])] })
  .then(() => esbuild.build({ ...common, entryPoints: { 'language-service': 'src/language-service/process.ts' }, outdir: 'dist' }))
  .then(emitTypes)
  .then(buildLanguageServiceSnapshot)
  .catch((error) => {
    if (error.message.startsWith('emit-types')) console.error(error.message);
    process.exit(1);
  });
