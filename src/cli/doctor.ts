// `tsdl doctor`: what the kernel needs and what it found. Exits non-zero only when the kernel cannot work at all.
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { packageRoot } from '../shared/package-root';
import { packageVersion } from '../server/versions';

/** `info` lines report a choice (a backend not used); `warn` lines something the user may want to fix. */
type Status = 'ok' | 'info' | 'warn' | 'fail';

interface Check {
  name: string;
  status: Status;
  detail: string;
}

/**
 * The libraries @tensorflow/tfjs-node-gpu 4.22 loads: its libtensorflow is built against CUDA 11.2 and cuDNN 8.1
 * (the tfjs-node README's table), whose sonames are these. Other CUDA versions do not satisfy it.
 */
const GPU_LIBRARIES = [
  { name: 'CUDA runtime', soname: 'libcudart.so.11.0', pattern: /libcudart\.so\.[\d.]+/g, needs: 'CUDA 11.2' },
  { name: 'cuDNN', soname: 'libcudnn.so.8', pattern: /libcudnn\.so\.[\d.]+/g, needs: 'cuDNN 8.1' },
];

/** A command's stdout, or null when it is missing or fails. Its stderr is left out: Debian's Python prints
 * debugger warnings there, which would break the JSON that `jupyter kernelspec list --json` prints on stdout. */
function command(cmd: string, args: string[]): string | null {
  const result = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10000 });
  return result.status === 0 ? result.stdout.trim() : null;
}

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
  candidates: { id: string; chosen: boolean; reason: string }[];
}

/** Runs the kernel's own backend selection, so the answer is the one a notebook gets. */
async function checkBackends(): Promise<Check[]> {
  try {
    const keras = require(join(packageRoot(), 'dist', 'keras.js')) as { initBackend(): Promise<BackendReport> };
    const info = await keras.initBackend();
    return info.candidates.map((candidate) => ({
      name: `backend ${candidate.id}`,
      status: candidate.chosen ? 'ok' : 'info',
      detail: `${candidate.chosen ? 'CHOSEN' : 'not used'}: ${candidate.reason}`,
    }));
  } catch (error) {
    return [{ name: 'backends', status: 'fail', detail: `TensorFlow.js could not start: ${(error as Error).message}` }];
  }
}

function checkGpu(): Check[] {
  const smi = command('nvidia-smi', ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader']);
  const gpu: Check = smi
    ? { name: 'GPU', status: 'ok', detail: smi.split('\n').join('; ') }
    : { name: 'GPU', status: 'info', detail: 'no NVIDIA GPU found (nvidia-smi missing or failed): training runs on the CPU' };
  const cache = command('ldconfig', ['-p']) ?? '';
  const libraries = GPU_LIBRARIES.map(({ name, soname, pattern, needs }): Check => {
    const found = [...new Set(cache.match(pattern) ?? [])];
    if (found.includes(soname)) return { name, status: 'ok', detail: `${soname} found` };
    const seen = found.length ? `found ${found.join(', ')}, but ` : 'not found: ';
    // Without a GPU the CPU backends need none of this: only say so.
    return { name, status: smi ? 'warn' : 'info', detail: `${seen}tfjs-node-gpu 4.22 needs ${soname} (${needs}) on the library path` };
  });
  return [gpu, ...libraries];
}

interface KernelspecList {
  kernelspecs: Record<string, { resource_dir: string; spec?: { argv?: string[] } }>;
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

export async function doctor(): Promise<number> {
  const checks: Check[] = [
    checkNode(),
    checkModule('zeromq', 'the Jupyter sockets'),
    checkModule('esbuild', 'TypeScript cells'),
    ...(await checkBackends()),
    ...checkGpu(),
    ...checkJupyter(),
  ];
  const mark: Record<Status, string> = { ok: 'ok  ', info: ' -- ', warn: 'warn', fail: 'FAIL' };
  for (const check of checks) process.stdout.write(`[${mark[check.status]}] ${check.name.padEnd(22)} ${check.detail}\n`);
  const failed = checks.filter((check) => check.status === 'fail');
  process.stdout.write(failed.length ? `\nThe kernel cannot work: fix the FAIL lines above.\n` : `\nThe kernel can run.\n`);
  return failed.length ? 1 : 0;
}
