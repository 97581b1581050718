// `tsdl doctor`: what the kernel needs and what it found. Exits non-zero only when the kernel cannot work at all.
import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { packageRoot, packageVersion } from '../server/versions';

type Status = 'ok' | 'warn' | 'fail';

interface Check {
  name: string;
  status: Status;
  detail: string;
}

function command(cmd: string, args: string[]): string | null {
  const result = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10000 });
  return result.status === 0 ? `${result.stdout}${result.stderr}`.trim() : null;
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

async function checkBackends(): Promise<Check[]> {
  try {
    const keras = require(join(packageRoot(), 'dist', 'keras.js')) as {
      initBackend(): Promise<{ name: string; device: string; candidates: { id: string; chosen: boolean; reason: string }[] }>;
    };
    const info = await keras.initBackend();
    return info.candidates.map((candidate) => ({
      name: `backend ${candidate.id}`,
      status: candidate.chosen ? 'ok' : 'warn',
      detail: `${candidate.chosen ? 'CHOSEN' : 'not used'}: ${candidate.reason}`,
    }));
  } catch (error) {
    return [{ name: 'backends', status: 'warn', detail: `TensorFlow.js could not start: ${(error as Error).message}` }];
  }
}

function checkGpu(): Check[] {
  const smi = command('nvidia-smi', ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader']);
  const libraries = command('ldconfig', ['-p']) ?? '';
  const find = (pattern: RegExp): string => (libraries.match(pattern) ?? []).join(', ') || 'not found';
  return [
    { name: 'GPU', status: smi ? 'ok' : 'warn', detail: smi ?? 'no NVIDIA GPU found (nvidia-smi missing or failed): training runs on the CPU' },
    { name: 'CUDA runtime', status: /libcudart/.test(libraries) ? 'ok' : 'warn', detail: find(/libcudart\.so\.[\d.]+/g) },
    { name: 'cuDNN', status: /libcudnn/.test(libraries) ? 'ok' : 'warn', detail: find(/libcudnn\.so\.[\d.]+/g) },
  ];
}

function checkJupyter(): Check[] {
  const version = command('jupyter', ['--version']);
  if (!version) return [{ name: 'Jupyter', status: 'warn', detail: 'not found on PATH: `tsdl run` still executes notebooks' }];
  const specs = command('jupyter', ['kernelspec', 'list', '--json']);
  let location = 'not registered: run `npx tsdl install --user`';
  let status: Status = 'warn';
  if (specs) {
    const parsed = JSON.parse(specs) as { kernelspecs: Record<string, { resource_dir: string }> };
    const tsdl = parsed.kernelspecs.tsdl;
    if (tsdl) {
      status = 'ok';
      const argv = (JSON.parse(readFileSync(join(tsdl.resource_dir, 'kernel.json'), 'utf8')) as { argv: string[] }).argv;
      location = `${tsdl.resource_dir} (runs ${argv[1]}${existsSync(argv[1]) ? '' : ', which does not exist'})`;
    }
  }
  const line = version.split('\n').find((l) => /jupyter_core|jupyter_client/.test(l)) ?? version.split('\n')[0];
  return [
    { name: 'Jupyter', status: 'ok', detail: line.trim() },
    { name: 'kernelspec', status, detail: location },
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
  const mark: Record<Status, string> = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' };
  for (const check of checks) process.stdout.write(`[${mark[check.status]}] ${check.name.padEnd(20)} ${check.detail}\n`);
  const failed = checks.filter((check) => check.status === 'fail');
  process.stdout.write(failed.length ? `\nThe kernel cannot work: fix the FAIL lines above.\n` : `\nThe kernel can run.\n`);
  return failed.length ? 1 : 0;
}
