// Dawn, Chrome's WebGPU implementation, as the npm package `webgpu` ships it (prebuilt, no download at install): one
// GPU object per process, made `navigator.gpu` only once its adapter is accepted, without replacing anything defined.
import type { Loader } from '../resolve';

/** What Dawn tells about an adapter (WebGPU's GPUAdapterInfo). */
export interface AdapterInfo {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** Set by Dawn for CPU implementations such as SwiftShader. */
  isFallbackAdapter?: boolean;
}

/** The part of WebGPU's GPUAdapter tsdl reads. */
export interface Adapter {
  info: AdapterInfo;
}

/** The part of WebGPU's GPU object (`navigator.gpu`) tsdl uses. */
export interface Gpu {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<Adapter | null>;
}

/** The `webgpu` package's exports. */
interface DawnPackage {
  create(flags: string[]): Gpu;
  /** GPUBufferUsage, GPUMapMode and the other WebGPU globals tfjs's webgpu backend reads. */
  globals: Record<string, unknown>;
}

type NavigatorLike = { gpu?: unknown };

let dawn: { gpu: Gpu; globals: Record<string, unknown> } | null = null;

/**
 * Loads the `webgpu` package once per process and returns its GPU object. The Vulkan loader reads its drivers
 * (VK_ICD_FILENAMES included) when this first runs, so later changes to them need a new process.
 */
export function loadDawn(load: Loader): Gpu {
  if (!dawn) {
    const pkg = load('webgpu') as DawnPackage;
    dawn = { gpu: pkg.create([]), globals: pkg.globals };
  }
  return dawn.gpu;
}

const define = (target: object, name: string, value: unknown) =>
  Object.defineProperty(target, name, { value, writable: true, configurable: true, enumerable: false });

/**
 * Makes Dawn's GPU `navigator.gpu`, as tfjs's webgpu backend expects (it registers itself only where that exists):
 * on Node's own `navigator` (Node 21+) or a bare one, never over another WebGPU implementation's.
 */
export function exposeDawn(): void {
  if (!dawn) throw new Error('exposeDawn(): loadDawn() first');
  const g = globalThis as { navigator?: NavigatorLike };
  if (g.navigator?.gpu === dawn.gpu) return;
  if (g.navigator?.gpu) throw new Error('navigator.gpu is already another WebGPU implementation');
  for (const [name, value] of Object.entries(dawn.globals)) if (!(name in globalThis)) define(globalThis, name, value);
  if (g.navigator) define(g.navigator, 'gpu', dawn.gpu);
  else define(globalThis, 'navigator', { gpu: dawn.gpu });
}
