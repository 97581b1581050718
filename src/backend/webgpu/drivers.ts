// Whether Linux has a Vulkan driver for Dawn to find. Without one Dawn has nothing to offer, and loading it anyway
// prints the Vulkan loader's warnings on stdout at every start, so auto mode skips webgpu with this reason instead.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Variables that name driver manifests directly (VK_ICD_FILENAMES is the older name of VK_DRIVER_FILES). */
const DRIVER_VARS = ['VK_DRIVER_FILES', 'VK_ICD_FILENAMES', 'VK_ADD_DRIVER_FILES'];

/** The folders the Vulkan loader searches for driver manifests (`*.json`), in its order. */
function manifestDirs(env: NodeJS.ProcessEnv): string[] {
  const list = (value: string | undefined, fallback: string) => (value || fallback).split(':').filter(Boolean);
  const roots = [
    ...list(env.XDG_CONFIG_DIRS, '/etc/xdg'),
    '/etc',
    env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'),
    ...list(env.XDG_DATA_DIRS, '/usr/local/share:/usr/share'),
  ];
  return roots.map((root) => path.join(root, 'vulkan', 'icd.d'));
}

const hasManifest = (dir: string) => {
  try {
    return fs.readdirSync(dir).some((f) => f.endsWith('.json'));
  } catch {
    return false;
  }
};

/** Why Dawn would find no Vulkan driver on this Linux machine, or null when one may be there (or on macOS, Windows). */
export function missingVulkanDriver(env: NodeJS.ProcessEnv = process.env): string | null {
  if (process.platform !== 'linux' || DRIVER_VARS.some((v) => env[v])) return null;
  const dirs = manifestDirs(env);
  if (dirs.some(hasManifest)) return null;
  return `no Vulkan driver is installed (no driver manifest in ${['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d'].join(' or ')})`;
}
