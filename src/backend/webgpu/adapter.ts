// Naming a WebGPU adapter for people (the banner, backendInfo(), tsdl doctor), and telling a software one from a GPU.
import type { Adapter } from './dawn';

/** CPU implementations of Vulkan, in case a Dawn build does not flag them as fallback adapters. */
const SOFTWARE = /swiftshader|llvmpipe|lavapipe/i;

export interface AdapterSummary {
  /** True for a CPU implementation (SwiftShader, lavapipe): it works but is slower than tsdl's CPU backends. */
  software: boolean;
  /** Vendor and architecture, then device and description: "google swiftshader (SwiftShader driver 5.0.0)". */
  name: string;
}

export function describeAdapter(adapter: Adapter): AdapterSummary {
  const { vendor, architecture, device, description, isFallbackAdapter } = adapter.info;
  const head = [vendor, architecture].filter(Boolean).join(' ') || 'unknown vendor';
  const details = [...new Set([device, description].filter(Boolean))];
  const name = details.length ? `${head} (${details.join(', ')})` : head;
  return { software: isFallbackAdapter === true || SOFTWARE.test(name), name };
}
