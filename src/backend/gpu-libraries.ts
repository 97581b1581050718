// The CUDA libraries @tensorflow/tfjs-node-gpu 4.22 loads, where the dynamic loader finds them, and the folder tsdl
// owns for them: NVIDIA's CUDA 11 wheels installed there with pip let a CUDA 12 machine run it, its system untouched.
import { spawnSync } from 'child_process';
import { existsSync, readdirSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';

/** The driver's library: without it there is no GPU to use, whatever else is installed. */
const DRIVER = 'libcuda.so.1';

/** One part of CUDA: the sonames libtensorflow dlopens, and NVIDIA's wheel that ships them. */
export interface GpuComponent {
  name: string;
  sonames: string[];
  /** The pip requirement, pinned; null for the driver, which only the system's installer provides. */
  wheel: string | null;
}

/**
 * libtensorflow 2.9 (tfjs-node-gpu 4.22) is built against CUDA 11.2 and cuDNN 8.1. At start-up TensorFlow dlopens
 * libcudart to libcudnn.so.8 below (its dlopen_checker) and registers no GPU unless every one loads; cuDNN 8's
 * libcudnn.so.8 then loads its six parts by name. The wheels are CUDA 11.8's own, with cuDNN 8.6.0.163, the version
 * TensorFlow's install guide named with CUDA 11.8; libcuda.so.1 comes only with the NVIDIA driver.
 */
export const GPU_COMPONENTS: readonly GpuComponent[] = [
  { name: 'NVIDIA driver', sonames: [DRIVER], wheel: null },
  { name: 'CUDA runtime', sonames: ['libcudart.so.11.0'], wheel: 'nvidia-cuda-runtime-cu11==11.8.89' },
  { name: 'cuBLAS', sonames: ['libcublas.so.11', 'libcublasLt.so.11'], wheel: 'nvidia-cublas-cu11==11.11.3.6' },
  { name: 'cuFFT', sonames: ['libcufft.so.10'], wheel: 'nvidia-cufft-cu11==10.9.0.58' },
  { name: 'cuRAND', sonames: ['libcurand.so.10'], wheel: 'nvidia-curand-cu11==10.3.0.86' },
  { name: 'cuSOLVER', sonames: ['libcusolver.so.11'], wheel: 'nvidia-cusolver-cu11==11.4.1.48' },
  { name: 'cuSPARSE', sonames: ['libcusparse.so.11'], wheel: 'nvidia-cusparse-cu11==11.7.5.86' },
  {
    name: 'cuDNN',
    sonames: [
      'libcudnn.so.8',
      ...['ops', 'cnn', 'adv'].flatMap((part) => [`libcudnn_${part}_infer.so.8`, `libcudnn_${part}_train.so.8`]),
    ],
    wheel: 'nvidia-cudnn-cu11==8.6.0.163',
  },
];

/** Where a library was found: the three places `tsdl doctor` looks. */
export type Place = 'LD_LIBRARY_PATH' | 'ldconfig cache' | "tsdl's folder";

export interface Located {
  soname: string;
  /** Every copy found, the loader's first choice first; empty when missing. */
  found: { path: string; place: Place }[];
}

export type Env = Record<string, string | undefined>;

/**
 * The folders tsdl looks in for its CUDA 11 libraries: `TSDL_CUDA_LIBS` (a `:`-separated list), else
 * `$XDG_DATA_HOME/tsdl/cuda11` (by default `~/.local/share/tsdl/cuda11`). The first is where pip installs.
 */
export function cudaFolders(env: Env = process.env): string[] {
  const override = (env.TSDL_CUDA_LIBS ?? '').split(':').filter(Boolean);
  if (override.length) return override;
  const data = env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share');
  return [join(data, 'tsdl', 'cuda11')];
}

/** The library folders inside tsdl's folders that exist: each folder itself and the wheels' `nvidia/NAME/lib`. */
export function cudaLibraryDirs(env: Env = process.env): string[] {
  const dirs: string[] = [];
  for (const folder of cudaFolders(env)) {
    if (!existsSync(folder)) continue;
    dirs.push(folder);
    const nvidia = join(folder, 'nvidia');
    const parts = existsSync(nvidia) ? readdirSync(nvidia).sort() : [];
    for (const part of parts) if (existsSync(join(nvidia, part, 'lib'))) dirs.push(join(nvidia, part, 'lib'));
  }
  return dirs;
}

/**
 * How the CUDA runtime should treat GPU code. libtensorflow 2.9 carries machine code up to Turing (sm_75) and PTX
 * for newer GPUs (A10G, L4, A100, H100), which the driver compiles: lazily, kernel by kernel as they are first used,
 * instead of all at start-up, and into a cache at its largest (4 GiB) so the work is kept across starts.
 */
const CUDA_SETTINGS = { CUDA_MODULE_LOADING: 'LAZY', CUDA_CACHE_MAXSIZE: String(4 * 1024 ** 3) };

/**
 * What a kernel's environment needs for tsdl's CUDA folder, or null when tsdl has none: its library folders before
 * `rest` (the inherited value) on LD_LIBRARY_PATH, which the loader reads only when a process starts, and
 * CUDA_SETTINGS.
 */
export function kernelVariables(env: Env = process.env, rest = env.LD_LIBRARY_PATH): Record<string, string> | null {
  const dirs = cudaLibraryDirs(env);
  if (!dirs.length) return null;
  return { LD_LIBRARY_PATH: [...dirs, ...(rest ? [rest] : [])].join(':'), ...CUDA_SETTINGS };
}

/** `env` with kernelVariables() applied: how a kernel is started outside Jupyter (`tsdl run`, `tsdl doctor`). */
export function kernelEnv(env: Env = process.env): Env {
  const variables = kernelVariables(env);
  return variables ? { ...env, ...variables } : env;
}

/** Parses `ldconfig -p`: soname → paths, e.g. "\tlibcudart.so.12 (libc6,x86-64) => /usr/local/cuda/lib64/libcudart.so.12". */
export function parseLdconfig(listing: string): Map<string, string[]> {
  const cache = new Map<string, string[]>();
  for (const line of listing.split('\n')) {
    const match = /^\s*(\S+) \([^)]*\) => (.+)$/.exec(line);
    if (match) cache.set(match[1], [...(cache.get(match[1]) ?? []), match[2].trim()]);
  }
  return cache;
}

/** The loader's cache of system libraries. ldconfig lives in /sbin, which is not on every user's PATH. */
export function ldconfigCache(): Map<string, string[]> {
  for (const ldconfig of ['ldconfig', '/sbin/ldconfig', '/usr/sbin/ldconfig']) {
    const result = spawnSync(ldconfig, ['-p'], { encoding: 'utf8', timeout: 10000 });
    if (result.status === 0) return parseLdconfig(result.stdout);
  }
  return new Map();
}

/** Where each soname is: on LD_LIBRARY_PATH, in the ldconfig cache and in tsdl's folders, in the loader's order. */
export function locate(sonames: readonly string[], env: Env = process.env, cache = ldconfigCache()): Located[] {
  const searchPath = (env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean);
  const tsdlDirs = cudaLibraryDirs(env);
  return sonames.map((soname) => {
    const found: Located['found'] = [];
    const add = (path: string, place: Place) => {
      if (!found.some((f) => f.path === path)) found.push({ path, place });
    };
    for (const dir of searchPath) if (existsSync(join(dir, soname))) add(join(dir, soname), 'LD_LIBRARY_PATH');
    for (const path of cache.get(soname) ?? []) add(path, 'ldconfig cache');
    for (const dir of tsdlDirs) if (existsSync(join(dir, soname))) add(join(dir, soname), "tsdl's folder");
    return { soname, found };
  });
}

/** Every soname tfjs-node-gpu needs, in GPU_COMPONENTS' order. */
export const GPU_SONAMES: readonly string[] = GPU_COMPONENTS.flatMap((component) => component.sonames);

/**
 * Why this process's TensorFlow may see no GPU, as a parenthesis for the banner's one line, or '' when every library
 * is on the loader's path. A library only in tsdl's folder does not count: it is on the path only if the kernel
 * started so.
 */
export function missingLibrariesNote(env: Env = process.env, cache = ldconfigCache()): string {
  const missing = locate(GPU_SONAMES, env, cache).filter((l) => !l.found.some((f) => f.place !== "tsdl's folder"));
  if (!missing.length) return '';
  if (missing.some((l) => l.soname === DRIVER)) return ` (no NVIDIA driver: cannot find ${DRIVER})`;
  const names = missing.map((l) => l.soname);
  const shown = names.length > 3 ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more` : names.join(', ');
  return missing.every((l) => l.found.length > 0)
    ? ` (${shown} only in tsdl's folder, not on LD_LIBRARY_PATH: run \`npx tsdl install --user\` again)`
    : ` (cannot find ${shown}: run \`npx tsdl doctor\`)`;
}

/** Single-quotes a word for a POSIX shell when it needs it. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that installs every CUDA 11 wheel into tsdl's folder. Always the whole set: `pip --target` moves a
 * wheel's top folder (`nvidia/`) into place whole, so a second run would skip it, or with --upgrade replace it.
 */
export function pipCommand(env: Env = process.env): string {
  const wheels = GPU_COMPONENTS.flatMap((component) => (component.wheel ? [component.wheel] : []));
  return ['python3 -m pip install --upgrade --target', shellWord(cudaFolders(env)[0]), ...wheels].join(' ');
}
