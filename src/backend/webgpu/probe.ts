// The webgpu candidate: tfjs's webgpu backend over Dawn. Auto mode takes it only with a hardware adapter (a software
// one such as SwiftShader is slower than tsdl's CPU backends); TSDL_BACKEND=webgpu takes whatever adapter Dawn finds.
import * as tf from '@tensorflow/tfjs';
import { registerCpuBridges } from '../wasm/bridge';
import { firstLine, loadFailure, type Loader } from '../resolve';
import type { ProbeResult } from '../types';
import { describeAdapter } from './adapter';
import { exposeDawn, loadDawn, type Gpu } from './dawn';
import { missingVulkanDriver } from './drivers';
import { enableSyncReads, type WebGpuBackend } from './sync-read';

const BACKEND_PKG = '@tensorflow/tfjs-backend-webgpu';

/** Said when a forced webgpu finds no adapter: where a GPU's or a software Vulkan driver comes from. */
const NO_ADAPTER_HINT =
  "install the GPU's Vulkan driver, or for a software adapter point VK_ICD_FILENAMES at SwiftShader's " +
  '(Debian and Ubuntu: /usr/lib/chromium/vk_swiftshader_icd.json from the chromium package)';

const fail = (reason: string): ProbeResult => ({ ok: false, reason });

function loadPackage(load: Loader, pkg: string): string | null {
  try {
    load(pkg);
    return null;
  } catch (err) {
    return loadFailure(err, pkg);
  }
}

let setUp: Promise<string[]> | null = null;

/** Once per process, on the started backend: synchronous reads, and the cpu bridge for kernels webgpu lacks. */
async function setUpBackend(): Promise<string[]> {
  await enableSyncReads(tf, tf.backend() as unknown as WebGpuBackend);
  return registerCpuBridges(tf, 'webgpu');
}

/** Starts tfjs's webgpu backend on Dawn's adapter; `forced` accepts a software adapter too. */
export async function webgpuProbe(load: Loader, forced: boolean): Promise<ProbeResult> {
  const noDriver = forced ? null : missingVulkanDriver();
  if (noDriver) return fail(noDriver);
  let gpu: Gpu;
  try {
    gpu = loadDawn(load);
  } catch (err) {
    return fail(loadFailure(err, 'webgpu', 'webgpu (Dawn)'));
  }
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return fail(`Dawn found no WebGPU adapter${forced ? `: ${NO_ADAPTER_HINT}` : ''}`);
  const { software, name } = describeAdapter(adapter);
  if (software && !forced) return fail(`Dawn found only a software adapter, ${name}, slower than wasm (TSDL_BACKEND=webgpu uses it)`);
  try {
    exposeDawn();
  } catch (err) {
    return fail(firstLine(err));
  }
  const notLoaded = loadPackage(load, BACKEND_PKG);
  if (notLoaded) return fail(notLoaded);
  if (!tf.findBackendFactory('webgpu')) return fail(`${BACKEND_PKG} registered no backend with tsdl's TensorFlow.js`);
  let bridged: string[];
  try {
    if (!(await tf.setBackend('webgpu'))) return fail(`the webgpu backend did not start on ${name}`);
    bridged = await (setUp ??= setUpBackend());
  } catch (err) {
    return fail(`the webgpu backend did not start on ${name}: ${firstLine(err)}`);
  }
  const kind = software ? 'software' : 'hardware';
  return {
    ok: true,
    chosen: {
      tf,
      name: 'webgpu',
      device: `${software ? 'CPU' : 'GPU'} (WebGPU, ${kind} adapter: ${name})`,
      version: tf.version.tfjs,
      reason: `Dawn found a ${kind} adapter, ${name}`,
      fastPath: { active: false, detail: `WebGPU shaders; ${bridged.length} kernels via the cpu bridge`, bridged, replaced: [] },
    },
  };
}
