// `tsdl doctor`: what the kernel needs and what it found. Exits non-zero only when the kernel cannot work at all.
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { cudaLibraryDirs, kernelEnv } from '../backend/gpu-libraries';
import { LANGUAGE_SERVICE_FLAGS, languageServiceSnapshot } from '../shared/language-service-snapshot';
import { packageRoot } from '../shared/package-root';
import { packageVersion } from '../server/versions';
import { command, type Check, type Status } from './check';
import { checkGpu } from './gpu-check';

function checkNode(): Check {
  const major = Number(process.versions.node.split('.')[0]);
  return { name: 'Node.js', status: major >= 20 ? 'ok' : 'fail', detail: `${process.version}${major >= 20 ? '' : ' (tsdl needs 20 or newer)'}` };
}

function checkModule(name: string, purpose: string): Check {
  try {
    require(name);
    return { name, status: 'ok', detail: `${packageVersion(name) ?? '?'} (${purpose})` };
  } catch (error) {
    return { name, status: 'fail', detail: `cannot load: ${(error as Error).message.split('\n')[0]}` };
  }
}

interface BackendReport {
  id: string;
  candidates: { id: string; chosen: boolean; reason: string }[];
  fastPath: { active: boolean; detail: string };
}

/** Longer than a start that compiles TensorFlow's GPU code should take, short of hanging for good. */
const PROBE_TIMEOUT_MS = 300000;

/** The probe's script: the kernel's backend selection, its report as the last line of stdout. */
const PROBE = `require(process.argv[1]).initBackend().then(
  (info) => process.stdout.write('\\n' + JSON.stringify(info) + '\\n'),
  (error) => process.stdout.write('\\n' + JSON.stringify({ error: error.message }) + '\\n'),
).finally(() => process.exit(0));`;

/**
 * Runs the kernel's own backend selection in a process started as a kernel is (tsdl's CUDA folders on
 * LD_LIBRARY_PATH, which the loader reads only at start-up), so the answer is the one a notebook gets.
 */
function checkBackends(): Check[] {
  const bundle = join(packageRoot(), 'dist', 'keras.js');
  const result = spawnSync(process.execPath, ['-e', PROBE, bundle], { encoding: 'utf8', env: kernelEnv(), timeout: PROBE_TIMEOUT_MS });
  let info: BackendReport | { error: string };
  try {
    info = JSON.parse(result.stdout.trim().split('\n').pop() ?? '') as BackendReport | { error: string };
  } catch {
    const timedOut = (result.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
    info = {
      error: timedOut
        ? `choosing a backend took over ${PROBE_TIMEOUT_MS / 60000} minutes (a first start on a GPU newer than Turing compiles TensorFlow's GPU code: run doctor again)`
        : `its probe ended with ${result.status ?? result.signal}: ${result.stderr.trim().split('\n').pop() ?? ''}`,
    };
  }
  if ('error' in info) return [{ name: 'backends', status: 'fail', detail: `TensorFlow.js could not start: ${info.error}` }];
  const backends = info.candidates.map((candidate): Check => ({
    name: `backend ${candidate.id}`,
    status: candidate.chosen ? 'ok' : 'info',
    detail: `${candidate.chosen ? 'CHOSEN' : 'not used'}: ${candidate.reason}`,
  }));
  return [...backends, kernelsCheck(info)];
}

/** The chosen backend's kernels: on wasm, whether the native addon loaded, with which BLAS and how many threads. */
function kernelsCheck(info: BackendReport): Check {
  if (info.id !== 'wasm') return { name: 'kernels', status: 'info', detail: info.fastPath.detail };
  if (info.fastPath.active) return { name: 'kernels', status: 'ok', detail: info.fastPath.detail };
  // Training still runs, slower: the reason says what to install or build, unless the user turned the addon off.
  const chosenOff = info.fastPath.detail.includes('TSDL_NATIVE=0');
  return { name: 'kernels', status: chosenOff ? 'info' : 'warn', detail: info.fastPath.detail };
}

interface KernelspecList {
  kernelspecs: Record<string, { resource_dir: string; spec?: { argv?: string[]; env?: Record<string, string> } }>;
}

/** Where Jupyter finds the tsdl kernelspec, and whether the kernel it launches exists. */
function kernelspecCheck(listing: string | null): Check {
  let specs: KernelspecList;
  try {
    specs = JSON.parse(listing ?? '') as KernelspecList;
  } catch {
    return { name: 'kernelspec', status: 'warn', detail: '`jupyter kernelspec list --json` failed: cannot tell where the kernelspec is' };
  }
  const tsdl = specs.kernelspecs.tsdl;
  if (!tsdl) return { name: 'kernelspec', status: 'warn', detail: 'not registered: run `npx tsdl install --user`' };
  const entry = tsdl.spec?.argv?.[1];
  if (!entry || !existsSync(entry)) {
    return { name: 'kernelspec', status: 'warn', detail: `${tsdl.resource_dir} launches ${entry ?? 'nothing'}, which does not exist: run \`npx tsdl install --user\` again` };
  }
  // The loader reads LD_LIBRARY_PATH at start-up only: tsdl's CUDA folders reach the kernel through the kernelspec.
  const recorded = (tsdl.spec?.env?.LD_LIBRARY_PATH ?? '').split(':');
  const unrecorded = cudaLibraryDirs().filter((dir) => !recorded.includes(dir));
  if (unrecorded.length) {
    return { name: 'kernelspec', status: 'warn', detail: `${tsdl.resource_dir} does not put ${unrecorded.join(', ')} on LD_LIBRARY_PATH: run \`npx tsdl install --user\` again` };
  }
  return { name: 'kernelspec', status: 'ok', detail: `${tsdl.resource_dir} (runs ${entry})` };
}

function checkJupyter(): Check[] {
  const version = command('jupyter', ['--version']);
  if (!version) return [{ name: 'Jupyter', status: 'warn', detail: 'not found on PATH: `tsdl run` still executes notebooks' }];
  const lines = version.split('\n');
  const core = lines.filter((l) => /^(jupyter_core|jupyter_client|jupyterlab|notebook|nbclient)\s*:/.test(l) && !/not installed/.test(l));
  return [
    { name: 'Jupyter', status: 'ok', detail: (core.length ? core : lines.slice(0, 1)).map((l) => l.replace(/\s*:\s*/, ' ')).join(', ') },
    kernelspecCheck(command('jupyter', ['kernelspec', 'list', '--json'])),
  ];
}

/**
 * Whether the language service's startup snapshot starts in this Node.js (a process started from it without the
 * kernel's channel ends at once, and well). Without it, TypeScript's half of the first completion comes seconds late.
 */
function checkLanguageService(): Check {
  const name = 'language service';
  if (process.env.TSDL_LANGUAGE_SERVICE === '0') return { name, status: 'info', detail: 'off (TSDL_LANGUAGE_SERVICE=0): completions from live values alone' };
  const snapshot = languageServiceSnapshot(packageRoot());
  const rebuild = `the first completion gets TypeScript's types seconds late; run \`npm run build\` in ${packageRoot()} with this Node.js`;
  if (!existsSync(snapshot)) return { name, status: 'warn', detail: `no startup snapshot for Node.js ${process.version}: ${rebuild}` };
  const started = spawnSync(process.execPath, [...LANGUAGE_SERVICE_FLAGS, '--snapshot-blob', snapshot], { stdio: 'ignore', timeout: 60000 });
  return started.status === 0
    ? { name, status: 'ok', detail: `starts from ${snapshot}` }
    : { name, status: 'warn', detail: `${snapshot} does not start in this Node.js: ${rebuild}` };
}

/** Prints every check, then what to run for missing GPU libraries; 1 when the kernel cannot work at all. */
export async function doctor(): Promise<number> {
  const gpu = checkGpu();
  const checks: Check[] = [
    checkNode(),
    checkModule('zeromq', 'the Jupyter sockets'),
    checkModule('esbuild', 'TypeScript cells'),
    ...checkBackends(),
    ...gpu.checks,
    checkLanguageService(),
    ...checkJupyter(),
  ];
  const mark: Record<Status, string> = { ok: 'ok  ', info: ' -- ', warn: 'warn', fail: 'FAIL' };
  for (const check of checks) process.stdout.write(`[${mark[check.status]}] ${check.name.padEnd(22)} ${check.detail}\n`);
  for (const line of gpu.advice) process.stdout.write(`${line}\n`);
  const failed = checks.filter((check) => check.status === 'fail');
  process.stdout.write(failed.length ? `\nThe kernel cannot work: fix the FAIL lines above.\n` : `\nThe kernel can run.\n`);
  return failed.length ? 1 : 0;
}
