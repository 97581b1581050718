import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * A float32 view of a tensor's bytes on the wasm heap. Take views only after every allocation
 * of the kernel: growing the heap detaches earlier views.
 */
export function f32(backend: BackendWasm, t: TensorInfo): Float32Array {
  const offset = backend.dataIdMap.get(t.dataId)!.memoryOffset;
  const size = t.shape.reduce((a, b) => a * b, 1);
  return new Float32Array(backend.wasm.HEAPF32.buffer, offset, size);
}

/** Byte offset of a tensor on the wasm heap (for native code that reads the heap directly). */
export function offsetOf(backend: BackendWasm, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId)!.memoryOffset;
}
