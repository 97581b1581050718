// Test helper: reads back a PNG's header, and the pixels of the unfiltered PNGs our encoder writes.
import { inflateSync } from 'node:zlib';

export interface PngInfo {
  width: number;
  height: number;
  colorType: number;
  chunks: string[];
}

const SIGNATURE = '89504e470d0a1a0a';

export function pngInfo(png: Buffer): PngInfo {
  if (png.subarray(0, 8).toString('hex') !== SIGNATURE) throw new Error('not a PNG: bad signature');
  const chunks: string[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    chunks.push(png.toString('latin1', at + 4, at + 8));
    at += 12 + length;
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png[25], chunks };
}

/** Pixels of a PNG whose scanlines all use filter 0, as `encodePng` writes them. */
export function pngPixels(png: Buffer, channels: number): Uint8Array {
  const { width, height } = pngInfo(png);
  const data: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') data.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    if (raw[y * (stride + 1)] !== 0) throw new Error(`row ${y} uses filter ${raw[y * (stride + 1)]}`);
    out.set(raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1)), y * stride);
  }
  return out;
}

export function decodeBase64Png(data: unknown): Buffer {
  if (typeof data !== 'string') throw new Error('image/png is not a base64 string');
  return Buffer.from(data, 'base64');
}
