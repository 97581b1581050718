// Reads NumPy's `.npz` format: a zip archive of `.npy` files, one per array, named `<key>.npy`.
import type { NdArray } from './ndarray';
import { parseNpy } from './npy';
import { readZip } from './zip';

/** Parses a NumPy .npz file: its arrays by name (without `.npy`). */
export function parseNpz(bytes: Uint8Array): Map<string, NdArray> {
  const arrays = new Map<string, NdArray>();
  for (const [name, member] of readZip(bytes)) {
    if (name.endsWith('.npy')) arrays.set(name.slice(0, -'.npy'.length), parseNpy(member));
  }
  return arrays;
}
