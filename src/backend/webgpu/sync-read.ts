// Synchronous reads (dataSync, arraySync, print, tsdl's own per-batch figures) on the webgpu backend in Node. tfjs
// reads a GPU buffer synchronously through OffscreenCanvas, which Node lacks; a buffer can only be mapped with
// mapAsync, whose completion Dawn delivers when its ProcessEvents runs. dawn.node runs ProcessEvents from a function
// it passes to the global `setImmediate` while any of its promises is pending: tsdl catches that function once and
// calls it in a loop until the mapping lands, which makes the read synchronous without touching the event loop.
import type { BackendValues, DataId, DataType } from '@tensorflow/tfjs';
import type { TfModule } from '../types';

// WebGPU's constants (GPUBufferUsage.MAP_READ, .COPY_DST, GPUMapMode.READ), fixed by the spec.
const MAP_READ = 0x1;
const COPY_DST = 0x8;
const MODE_READ = 0x1;

/** Waited on for 50 µs between polls, so the wait leaves the CPU to the driver (SwiftShader computes on it). */
const NAP = new Int32Array(new SharedArrayBuffer(4));

interface GpuBuffer {
  size: number;
  mapState: 'unmapped' | 'pending' | 'mapped';
  mapAsync(mode: number): Promise<void>;
  getMappedRange(): ArrayBuffer;
  unmap(): void;
}

interface TensorData {
  dtype: DataType;
  values?: BackendValues | null;
  resource?: GpuBuffer | null;
}

/** The parts of tfjs's WebGPUBackend a synchronous read uses. */
export interface WebGpuBackend {
  device: { queue: { onSubmittedWorkDone(): Promise<void> } };
  tensorMap: { get(dataId: DataId): TensorData | undefined };
  bufferManager: { acquireBuffer(size: number, usage: number): GpuBuffer; releaseBuffer(buffer: GpuBuffer): void };
  commandEncoder: { copyBufferToBuffer(src: GpuBuffer, srcOffset: number, dst: GpuBuffer, dstOffset: number, size: number): void };
  ensureCommandEncoderReady(): void;
  endComputePassEncoder(): void;
  submitQueue(): void;
  convertAndCacheOnCPU(dataId: DataId, values: BackendValues): BackendValues;
  readSync(dataId: DataId): BackendValues;
}

/** dawn.node's ProcessEvents, caught as it hands it to setImmediate while a promise of its is pending. */
async function catchProcessEvents(backend: WebGpuBackend): Promise<() => void> {
  // A pending promise of Dawn's may already have one queued (then none is handed over): wait for it and try again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const real = globalThis.setImmediate;
    let caught: (() => void) | undefined;
    // dawn.node passes the function alone, with no arguments.
    const shim = (fn: () => void) => {
      caught ??= fn;
      return real(fn);
    };
    // Only Dawn's native code runs while the shim is in place, so what it catches is Dawn's.
    globalThis.setImmediate = shim as typeof setImmediate;
    let done: Promise<void>;
    try {
      done = backend.device.queue.onSubmittedWorkDone();
    } finally {
      globalThis.setImmediate = real;
    }
    await done;
    if (caught) return caught;
  }
  throw new Error("Dawn did not hand over its event loop, so synchronous reads (dataSync) can't work");
}

/** Copies a GPU buffer into a mappable one and maps it, pumping Dawn's events until the mapping lands. */
function readBufferSync(backend: WebGpuBackend, buffer: GpuBuffer, processEvents: () => void): ArrayBuffer {
  const staging = backend.bufferManager.acquireBuffer(buffer.size, COPY_DST | MAP_READ);
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  backend.commandEncoder.copyBufferToBuffer(buffer, 0, staging, 0, buffer.size);
  backend.submitQueue();
  // A failed mapping leaves the buffer unmapped, which the check below reports; the promise itself is not needed.
  staging.mapAsync(MODE_READ).catch(() => undefined);
  while (staging.mapState === 'pending') {
    processEvents();
    Atomics.wait(NAP, 0, 0, 0.05);
  }
  if (staging.mapState !== 'mapped') throw new Error('webgpu: reading a tensor back from the GPU failed (device lost?)');
  const bytes = staging.getMappedRange().slice(0);
  staging.unmap();
  backend.bufferManager.releaseBuffer(staging);
  return bytes;
}

/** Makes `backend.readSync` work for tensors that live on the GPU; tfjs's own path still serves the rest. */
export async function enableSyncReads(tf: TfModule, backend: WebGpuBackend): Promise<void> {
  const processEvents = await catchProcessEvents(backend);
  const original = backend.readSync.bind(backend);
  backend.readSync = (dataId) => {
    const data = backend.tensorMap.get(dataId);
    // Values already on the CPU, strings, and complex tensors (read as their two float parts) take tfjs's path.
    if (!data?.resource || data.values != null || data.dtype === 'string' || data.dtype === 'complex64') return original(dataId);
    const bytes = readBufferSync(backend, data.resource, processEvents);
    return backend.convertAndCacheOnCPU(dataId, tf.util.convertBackendValuesAndArrayBuffer(bytes, data.dtype));
  };
}
