// The cpu bridge: every kernel the wasm (or webgpu) backend lacks runs as `cpu`'s kernel on copies of its tensors, so
// each op that trains on `cpu` also trains there.
import type { DataId, KernelBackend, KernelConfig, KernelFunc, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs';
import type { TfModule } from '../types';

/** Kernels whose outputs are complex64, which the wasm backend cannot store. */
const COMPLEX = new Set(['Complex', 'ComplexAbs', 'Real', 'Imag', 'FFT', 'IFFT']);

/**
 * Runs a `cpu` kernel for the wasm (or webgpu) backend: copies inputs out of the wasm heap (or GPU), runs the cpu
 * kernel, copies the outputs back. Slow per call, but it makes every op that trains on `cpu` train on wasm;
 * hot kernels get a real wasm/native implementation in `fast/`.
 */
function bridged(tf: TfModule, cpuFunc: KernelFunc): KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const cpu = tf.engine().findBackend('cpu') as KernelBackend;
    const wasm = backend as KernelBackend;
    const owned = new Set<DataId>();
    const cpuInputs: NamedTensorInfoMap = {};
    for (const [name, t] of Object.entries(inputs)) {
      if (!t) continue;
      const dataId = cpu.write(wasm.readSync(t.dataId), t.shape, t.dtype);
      owned.add(dataId);
      cpuInputs[name] = { dataId, shape: t.shape, dtype: t.dtype };
    }
    try {
      const out = cpuFunc({ inputs: cpuInputs, backend: cpu, attrs });
      const toWasm = (o: TensorInfo): TensorInfo => {
        owned.add(o.dataId);
        return { dataId: wasm.write(cpu.readSync(o.dataId), o.shape, o.dtype), shape: o.shape, dtype: o.dtype };
      };
      return Array.isArray(out) ? out.map(toWasm) : toWasm(out);
    } finally {
      for (const id of owned) cpu.disposeData(id, true);
    }
  };
}

/**
 * Registers a bridge for every kernel of tfjs's `cpu` that `backendName` lacks; returns their names. tsdl's own cpu
 * kernels (`Tsdl*`) are left out: each backend gets its own or none.
 */
export function registerCpuBridges(tf: TfModule, backendName: 'wasm' | 'webgpu' = 'wasm'): string[] {
  const have = new Set(tf.getKernelsForBackend(backendName).map((k: KernelConfig) => k.kernelName));
  const added: string[] = [];
  for (const k of tf.getKernelsForBackend('cpu')) {
    if (have.has(k.kernelName) || COMPLEX.has(k.kernelName) || k.kernelName.startsWith('Tsdl')) continue;
    tf.registerKernel({ kernelName: k.kernelName, backendName, kernelFunc: bridged(tf, k.kernelFunc) });
    added.push(k.kernelName);
  }
  return added;
}
