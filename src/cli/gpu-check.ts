// `tsdl doctor`'s GPU lines: the GPU, each CUDA library tfjs-node-gpu 4.22 needs (found where, or missing), and the
// commands that fetch the missing ones into tsdl's folder.
import { dirname } from 'path';
import { cudaFolders, GPU_COMPONENTS, ldconfigCache, locate, pipCommand, type Env, type GpuComponent, type Located } from '../backend/gpu-libraries';
import { command, type Check } from './check';

export interface GpuReport {
  checks: Check[];
  /** Lines to print after the report: what to run to get the missing libraries, empty when nothing is missing. */
  advice: string[];
}

/** "libcudnn.so.8 and 6 more" for a long list, else the names. */
function names(sonames: string[]): string {
  return sonames.length > 2 ? `${sonames[0]} and ${sonames.length - 1} more` : sonames.join(', ');
}

/** Other versions of a library in the cache, e.g. libcudart.so.12 for libcudart.so.11.0: the usual near miss. */
function otherVersions(soname: string, cache: Map<string, string[]>): string[] {
  const stem = soname.replace(/\.so\..*$/, '.so.');
  return [...cache.keys()].filter((name) => name.startsWith(stem) && name !== soname).sort();
}

function componentCheck(component: GpuComponent, located: Located[], cache: Map<string, string[]>, gpu: boolean): Check {
  const missing = located.filter((l) => l.found.length === 0).map((l) => l.soname);
  if (!missing.length) {
    // Where the loader takes each from: its first copy's folder.
    const places = [...new Set(located.map((l) => `${dirname(l.found[0].path)} (${l.found[0].place})`))];
    return { name: component.name, status: 'ok', detail: `${names(component.sonames)} in ${places.join(', ')}` };
  }
  const near = [...new Set(missing.flatMap((soname) => otherVersions(soname, cache)))];
  const seen = near.length ? `; found ${near.join(', ')}, but tfjs-node-gpu 4.22 needs these versions` : '';
  // Without a GPU the CPU backends need none of this: only say so.
  return { name: component.name, status: gpu ? 'warn' : 'info', detail: `missing ${missing.join(', ')}${seen}` };
}

/** What to run for the missing libraries: the wheels into tsdl's folder, then the kernelspec that points there. */
function advice(missing: GpuComponent[], env: Env): string[] {
  if (!missing.length) return [];
  const lines = ['', 'tfjs-node-gpu 4.22 needs CUDA 11 and cuDNN 8, whatever CUDA the system has.'];
  if (missing.some((component) => component.wheel === null)) {
    lines.push('Install the NVIDIA driver first (Ubuntu: `sudo ubuntu-drivers install`, then reboot).');
  }
  if (missing.some((component) => component.wheel !== null)) {
    lines.push(
      `To put NVIDIA's CUDA 11.8 and cuDNN 8.6 libraries (about 2 GB) in ${cudaFolders(env)[0]}, leaving the system's CUDA as it is:`,
      `  ${pipCommand(env)}`,
      '  npx tsdl install --user       # records that folder in the kernelspec (LD_LIBRARY_PATH)',
      'then restart the kernel. (No pip? Ubuntu: `sudo apt-get install python3-pip`.)',
    );
  }
  return lines;
}

/** The GPU as nvidia-smi sees it, then one line per CUDA component; advice only where a GPU is there to use. */
export function checkGpu(env: Env = process.env): GpuReport {
  const smi = command('nvidia-smi', ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader']);
  const gpu: Check = smi
    ? { name: 'GPU', status: 'ok', detail: smi.split('\n').join('; ') }
    : { name: 'GPU', status: 'info', detail: 'no NVIDIA GPU found (nvidia-smi missing or failed): training runs on the CPU' };
  const cache = ldconfigCache();
  const checks = GPU_COMPONENTS.map((component) => ({ component, check: componentCheck(component, locate(component.sonames, env, cache), cache, smi !== null) }));
  const missing = checks.filter(({ check }) => check.status !== 'ok').map(({ component }) => component);
  return { checks: [gpu, ...checks.map(({ check }) => check)], advice: smi ? advice(missing, env) : [] };
}
