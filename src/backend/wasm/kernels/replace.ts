// Swapping a backend's kernel for tsdl's own, keeping the one it replaced as a fallback.
import type { KernelConfig } from '@tensorflow/tfjs';
import type { TfModule } from '../../types';

/** Registers `config` over whatever the backend had for that kernel; returns the previous one. */
export function replaceKernel(tf: TfModule, config: KernelConfig): KernelConfig | undefined {
  const previous = tf.getKernel(config.kernelName, config.backendName);
  if (previous) tf.unregisterKernel(config.kernelName, config.backendName);
  tf.registerKernel(config);
  return previous;
}
