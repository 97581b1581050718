// Draws kernelspec/logo-32x32.png and logo-64x64.png (run once; the PNGs are committed).
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

function crc32(buffer) {
  let crc = ~0;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) pixel(x / size, y / size).forEach((v, i) => (row[1 + x * 4 + i] = v));
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8;
  header[9] = 6;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

// A rounded blue tile with three white "neurons" joined by lines: TypeScript blue, deep-learning motif.
function logo(u, v) {
  const r = 0.18;
  const cx = Math.min(Math.max(u, r), 1 - r);
  const cy = Math.min(Math.max(v, r), 1 - r);
  if (Math.hypot(u - cx, v - cy) > r) return [0, 0, 0, 0];
  const nodes = [[0.28, 0.3], [0.28, 0.7], [0.72, 0.5]];
  const near = (p, q, w) => {
    const dx = q[0] - p[0], dy = q[1] - p[1];
    const t = Math.max(0, Math.min(1, ((u - p[0]) * dx + (v - p[1]) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(u - p[0] - t * dx, v - p[1] - t * dy) < w;
  };
  const white = nodes.some((n) => Math.hypot(u - n[0], v - n[1]) < 0.11) || near(nodes[0], nodes[2], 0.035) || near(nodes[1], nodes[2], 0.035);
  return white ? [255, 255, 255, 255] : [49, 120, 198, 255];
}

for (const size of [32, 64]) {
  fs.writeFileSync(path.join(__dirname, '..', 'kernelspec', `logo-${size}x${size}.png`), png(size, logo));
}
