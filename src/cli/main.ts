// The `tsdl` command: start (what `npm start` runs), run, doctor, install.
import { spawnSync } from 'child_process';
import { basename, join } from 'path';
import { packageRoot } from '../shared/package-root';
import { doctor } from './doctor';
import { runNotebook } from './run';

const USAGE = `usage:
  tsdl start                                   register the kernel (if Jupyter is here) and run the example notebook
  tsdl run NOTEBOOK.ipynb [-o OUT.ipynb] [--timeout S]
  tsdl doctor                                  check Node, zeromq, backends, the GPU and its CUDA libraries (and how
                                               to get missing ones), Jupyter, the kernelspec
  tsdl install [install.js options]            register the kernelspec (see node install.js --help), with tsdl's
                                               CUDA folder on its LD_LIBRARY_PATH where there is one
`;

export const EXAMPLE_NOTEBOOK = 'notebooks/03-keras-workflow.ipynb';

function fail(message: string): never {
  process.stderr.write(`tsdl: ${message}\n${USAGE}`);
  process.exit(2);
}

async function run(args: string[]): Promise<number> {
  let input: string | undefined;
  let output: string | undefined;
  let timeoutSeconds = 600;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-o' || arg === '--output') output = args[++i] ?? fail(`${arg} needs a file`);
    else if (arg === '--timeout') {
      timeoutSeconds = Number(args[++i]);
      if (!(timeoutSeconds > 0)) fail('--timeout needs a number of seconds');
    } else if (arg.startsWith('-')) fail(`unknown option ${arg}`);
    else if (input === undefined) input = arg;
    else fail(`unexpected argument ${arg}`);
  }
  if (!input) fail('run needs a notebook');
  const { output: written, failure } = await runNotebook({ input, output, timeoutSeconds });
  process.stderr.write(`Executed notebook written to ${written}\n`);
  if (failure === null) return 0;
  process.stderr.write(`tsdl run: cell ${failure.cell} (${JSON.stringify(failure.firstLine.trim())}) failed: ${failure.reason}\n`);
  return 1;
}

function install(args: string[]): number {
  return spawnSync(process.execPath, [join(packageRoot(), 'install.js'), ...args], { stdio: 'inherit' }).status ?? 1;
}

function jupyterPresent(): boolean {
  return spawnSync('jupyter', ['--version'], { stdio: 'ignore' }).status === 0;
}

async function start(): Promise<number> {
  if (jupyterPresent()) {
    const status = install(['--user']);
    if (status !== 0) return status;
  } else {
    process.stderr.write('Jupyter is not installed: skipping kernel registration (run `tsdl install` once it is).\n');
  }
  // The executed copy goes to a gitignored folder, so the committed example stays as it is.
  const executed = join(packageRoot(), 'notebooks', 'executed', basename(EXAMPLE_NOTEBOOK));
  return run([join(packageRoot(), EXAMPLE_NOTEBOOK), '-o', executed]);
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'start':
      return start();
    case 'run':
      return run(args);
    case 'doctor':
      return doctor();
    case 'install':
      return install(args);
    case undefined:
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      return fail(`unknown command ${command}`);
  }
}
