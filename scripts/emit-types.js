// Writes the declaration files of the preloaded Keras API into dist/types, which the kernel's TypeScript language
// service reads to complete and describe `layers.`, `models.Sequential()` and the rest with their real types.
// Skipped when every declaration is newer than every source file, as the emit takes seconds.
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const outDir = path.join(root, 'dist', 'types');
const stamp = path.join(outDir, '.stamp');

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, fs.statSync(file).mtimeMs);
  }
  return newest;
}

function upToDate() {
  try {
    return fs.statSync(stamp).mtimeMs >= newestSource(path.join(root, 'src'));
  } catch {
    return false;
  }
}

function emit() {
  const ts = require('typescript-5');
  // Written aside, then moved in place: a build running at the same time never sees half a folder.
  const scratch = `${outDir}.${process.pid}`;
  const options = {
    declaration: true,
    emitDeclarationOnly: true,
    stripInternal: true,
    outDir: scratch,
    rootDir: path.join(root, 'src'),
    strict: true,
    skipLibCheck: true,
    esModuleInterop: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: ['node'],
  };
  const program = ts.createProgram([path.join(root, 'src', 'keras', 'index.ts')], options);
  const { diagnostics } = program.emit();
  for (const diagnostic of diagnostics) {
    console.error(`emit-types: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
  }
  if (diagnostics.length > 0) {
    fs.rmSync(scratch, { recursive: true, force: true });
    throw new Error('emit-types: the declarations could not be written');
  }
  fs.writeFileSync(path.join(scratch, '.stamp'), '');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.renameSync(scratch, outDir);
}

/** Emits the declarations unless they are up to date. */
function emitTypes() {
  if (!upToDate()) emit();
}

module.exports = { emitTypes };

if (require.main === module) emitTypes();
