// Reads the members of a zip archive (stored or deflated), which is all an `.npz` file is. Uses node:zlib only.
import { inflateRawSync } from 'node:zlib';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

/** Every file in the archive, by name, decompressed. */
export function readZip(bytes: Uint8Array): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEndOfCentralDirectory(view);
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw new Error('Zip64 archives (over 4 GiB) are not supported.');

  const files = new Map<string, Uint8Array>();
  for (let i = 0; i < count; i++) {
    if (at + 46 > view.byteLength || view.getUint32(at, true) !== CENTRAL_SIGNATURE) {
      throw new Error('Corrupt zip: bad central directory.');
    }
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8');
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith('/')) continue;
    if (compressedSize === 0xffffffff || size === 0xffffffff) throw new Error(`Zip member '${name}' is over 4 GiB.`);
    files.set(name, extract(bytes, view, localOffset, method, compressedSize, size, name));
  }
  return files;
}

function findEndOfCentralDirectory(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
  const last = view.byteLength - 22;
  for (let at = last; at >= Math.max(0, last - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  throw new Error('Not a zip archive (no end of central directory).');
}

/** Deflate shrinks data at most about 1032 times: a size claimed beyond that is not believed. */
const MAX_DEFLATE_RATIO = 1032;

/**
 * zlib's output chunk for a member of `size` bytes: the whole member, so that it is inflated into one buffer (in
 * small chunks, Node gathers them into one more: MNIST's images took twice as long) with room to see its end.
 */
function inflateChunk(compressedSize: number, size: number): number {
  return Math.min(size, compressedSize * MAX_DEFLATE_RATIO) + 64;
}

function extract(
  bytes: Uint8Array,
  view: DataView,
  localOffset: number,
  method: number,
  compressedSize: number,
  size: number,
  name: string,
): Uint8Array {
  if (localOffset + 30 > view.byteLength || view.getUint32(localOffset, true) !== LOCAL_SIGNATURE) {
    throw new Error(`Corrupt zip: bad local header for '${name}'.`);
  }
  // The local header's own name and extra lengths (NumPy writes a zip64 extra here) decide where data starts.
  const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
  if (dataStart + compressedSize > view.byteLength) throw new Error(`Corrupt zip: '${name}' is truncated.`);
  const data = bytes.subarray(dataStart, dataStart + compressedSize);
  let out: Uint8Array;
  if (method === 0) out = data;
  else if (method === 8) out = inflateRawSync(data, { chunkSize: inflateChunk(compressedSize, size) });
  else throw new Error(`Zip member '${name}' uses compression method ${method}: only stored and deflated are read.`);
  if (out.byteLength !== size) throw new Error(`Corrupt zip: '${name}' has ${out.byteLength} bytes, expected ${size}.`);
  return out;
}
