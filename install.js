#!/usr/bin/env node
// Registers (or removes) the tsdl kernelspec:
//   node install.js [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT] [--uninstall]
// With Jupyter on PATH it goes through `jupyter kernelspec install`; otherwise it writes the folder itself.
// Where tsdl's CUDA 11 folder exists (`tsdl doctor` says how to fill it), the kernelspec's env puts it on the kernel's
// LD_LIBRARY_PATH, so tfjs-node-gpu finds its libraries without the user setting anything.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = __dirname;

function usage(message) {
  if (message) console.error(`install.js: ${message}`);
  console.error('usage: node install.js [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT] [--uninstall]');
  process.exit(2);
}

function parseArgs(argv) {
  const options = { where: 'user', prefix: null, name: 'tsdl', displayName: 'TypeScript (tsdl)', uninstall: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${arg} needs a value`));
    if (arg === '--user') options.where = 'user';
    else if (arg === '--sys-prefix') options.where = 'sys-prefix';
    else if (arg === '--prefix') (options.where = 'prefix'), (options.prefix = path.resolve(value()));
    else if (arg === '--name') options.name = value();
    else if (arg === '--display-name') options.displayName = value();
    else if (arg === '--uninstall') options.uninstall = true;
    else if (arg === '--help' || arg === '-h') usage();
    else usage(`unknown option ${arg}`);
  }
  if (!/^[a-zA-Z0-9._-]+$/.test(options.name)) usage(`invalid kernel name ${options.name}`);
  return options;
}

/** `jupyter kernelspec` comes with jupyter_client (Debian: the jupyter-client package), not with every Jupyter. */
function jupyterAvailable() {
  try {
    execFileSync('jupyter', ['kernelspec', '--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Where Jupyter looks for user kernelspecs: $JUPYTER_DATA_DIR, else the platform's data dir. */
function userDataDir() {
  if (process.env.JUPYTER_DATA_DIR) return process.env.JUPYTER_DATA_DIR;
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Jupyter');
  if (process.platform === 'win32') return path.join(process.env.APPDATA || os.homedir(), 'jupyter');
  return path.join(process.env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'jupyter');
}

function kernelsDir(options) {
  if (options.where === 'prefix') return path.join(options.prefix, 'share', 'jupyter', 'kernels');
  if (options.where === 'user') return path.join(userDataDir(), 'kernels');
  return null;
}

/**
 * The kernel's environment for tsdl's CUDA 11 folder (src/backend/gpu-libraries.ts): its library folders first on
 * LD_LIBRARY_PATH, then the value Jupyter was started with (`${VAR}` is expanded by jupyter_client 7 and later);
 * null when tsdl has no such folder.
 */
function gpuVariables() {
  return require(path.join(root, 'dist', 'gpu-libraries.js')).kernelVariables(process.env, '${LD_LIBRARY_PATH}');
}

/** The kernelspec folder's files, with absolute paths so the kernel runs from this checkout. */
function writeSpec(dir, options) {
  const template = JSON.parse(fs.readFileSync(path.join(root, 'kernelspec', 'kernel.json'), 'utf8'));
  // The loader reads LD_LIBRARY_PATH only when a process starts, so the folders go in the kernel's environment.
  const variables = gpuVariables();
  const spec = {
    ...template,
    argv: [process.execPath, path.join(root, 'kernel', 'tsdl-kernel.js'), '{connection_file}'],
    display_name: options.displayName,
    ...(variables ? { env: { ...template.env, ...variables } } : {}),
  };
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'kernel.json'), JSON.stringify(spec, null, 2) + '\n');
  for (const logo of ['logo-32x32.png', 'logo-64x64.png']) fs.copyFileSync(path.join(root, 'kernelspec', logo), path.join(dir, logo));
}

function install(options) {
  const entry = path.join(root, 'kernel', 'tsdl-kernel.js');
  let target;
  if (jupyterAvailable()) {
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'tsdl-spec-'));
    const specDir = path.join(staging, options.name);
    writeSpec(specDir, options);
    const where = options.where === 'prefix' ? ['--prefix', options.prefix] : [`--${options.where}`];
    const output = execFileSync('jupyter', ['kernelspec', 'install', specDir, '--name', options.name, ...where], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    fs.rmSync(staging, { recursive: true, force: true });
    target = (output.match(/Installed kernelspec \S+ in (.+)/) || [])[1] || path.join(kernelsDir(options) || '', options.name);
  } else {
    const dir = kernelsDir(options);
    if (!dir) usage('--sys-prefix needs `jupyter kernelspec` on PATH (it installs into the prefix of Jupyter\'s Python)');
    target = path.join(dir, options.name);
    writeSpec(target, options);
  }
  console.log(`Installed the ${options.displayName} kernelspec in ${target.trim()}`);
  console.log(`The kernel runs: ${process.execPath} ${entry}`);
  const variables = gpuVariables();
  if (variables) console.log(`Its LD_LIBRARY_PATH: ${variables.LD_LIBRARY_PATH} (tsdl's CUDA libraries for tfjs-node-gpu)`);
}

function uninstall(options) {
  if (jupyterAvailable()) {
    try {
      execFileSync('jupyter', ['kernelspec', 'remove', '-f', options.name], { stdio: 'ignore' });
      console.log(`Removed the ${options.name} kernelspec`);
      return;
    } catch {
      // not known to Jupyter under this name: fall through to the folder we would have written
    }
  }
  const dir = kernelsDir(options);
  const target = dir && path.join(dir, options.name);
  if (target && fs.existsSync(target)) {
    fs.rmSync(target, { recursive: true, force: true });
    console.log(`Removed ${target}`);
  } else {
    console.log(`No ${options.name} kernelspec to remove`);
  }
}

if (require.main === module) {
  const options = parseArgs(process.argv.slice(2));
  if (options.uninstall) uninstall(options);
  else install(options);
}

module.exports = { parseArgs, writeSpec };
