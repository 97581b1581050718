// Typed views of tensors' bytes on the wasm heap, for tsdl's own wasm kernels.
import type { TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

export type HeapArray = Float32Array | Int32Array | Uint8Array;

const size = (t: TensorInfo) => t.shape.reduce((a, b) => a * b, 1);

/**
 * A typed view of a tensor's bytes on the wasm heap (float32, int32, bool). Take views only after
 * every allocation of the kernel: growing the heap detaches earlier views.
 */
export function view(backend: BackendWasm, t: TensorInfo): HeapArray {
  const offset = backend.dataIdMap.get(t.dataId)!.memoryOffset;
  const buf = heapBuffer(backend);
  if (t.dtype === 'float32') return new Float32Array(buf, offset, size(t));
  if (t.dtype === 'int32') return new Int32Array(buf, offset, size(t));
  if (t.dtype === 'bool') return new Uint8Array(buf, offset, size(t));
  throw new Error(`tsdl wasm kernels: no heap view for dtype ${t.dtype}`);
}

export function f32(backend: BackendWasm, t: TensorInfo): Float32Array {
  return view(backend, { ...t, dtype: 'float32' }) as Float32Array;
}

/** The wasm heap's current buffer (replaced whenever the heap grows). */
export function heapBuffer(backend: BackendWasm): ArrayBuffer {
  // Emscripten's heap views exist at run time but are not in tfjs-backend-wasm's module typings.
  return (backend.wasm as unknown as { HEAPF32: Float32Array }).HEAPF32.buffer as ArrayBuffer;
}

/** Byte offset of a tensor on the wasm heap (for native code that reads the heap directly). */
export function offsetOf(backend: BackendWasm, t: TensorInfo): number {
  return backend.dataIdMap.get(t.dataId)!.memoryOffset;
}

export const HEAP_DTYPES = new Set(['float32', 'int32', 'bool']);
