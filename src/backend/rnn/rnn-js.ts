// Fused recurrent sequences in plain JavaScript: the same loops as the native addon's tsdl_rnn.c (see there for
// the maths and layouts), for the cpu backend and for wasm without the addon.
import { CELLS, type RnnDims } from './cells';

export interface RnnForwardArrays {
  xw: Float32Array;
  bias: Float32Array;
  rk: Float32Array;
  s0: Float32Array;
  mask: Float32Array;
  seq: Float32Array;
  gates: Float32Array;
}

export interface RnnBackwardArrays {
  dseq: Float32Array;
  rk: Float32Array;
  s0: Float32Array;
  mask: Float32Array;
  seq: Float32Array;
  gates: Float32Array;
  dxw: Float32Array;
  dbias: Float32Array;
  drk: Float32Array;
  ds0: Float32Array;
}

/**
 * tanh as the addon's fast_tanh (Eigen's clamped 13/6 rational approximation, a few ulp in float32): V8's
 * Math.tanh and Math.exp cost several times more, and the gates call them for every element of every step.
 */
function tanh(x: number): number {
  const c = x > 7.90531110763549805 ? 7.90531110763549805 : x < -7.90531110763549805 ? -7.90531110763549805 : x;
  const x2 = c * c;
  let p = -2.76076847742355e-16;
  p = p * x2 + 2.00018790482477e-13;
  p = p * x2 + -8.60467152213735e-11;
  p = p * x2 + 5.12229709037114e-8;
  p = p * x2 + 1.48572235717979e-5;
  p = p * x2 + 6.37261928875436e-4;
  p = p * x2 + 4.89352455891786e-3;
  let q = 1.19825839466702e-6;
  q = q * x2 + 1.18534705686654e-4;
  q = q * x2 + 2.268434632439e-3;
  q = q * x2 + 4.89352518554385e-3;
  return Math.abs(x) < 0.0004 ? x : (c * p) / q;
}

const sigmoid = (x: number) => 0.5 * tanh(0.5 * x) + 0.5;
const hardSigmoid = (x: number) => Math.min(1, Math.max(0, 0.2 * x + 0.5));
const gateGrad = (y: number, hard: boolean) => (hard ? (y > 0 && y < 1 ? 0.2 : 0) : y * (1 - y));
const ACT = { tanh, relu: (x: number) => (x > 0 ? x : Number.isNaN(x) ? x : 0), linear: (x: number) => x };
const ACT_GRAD = { tanh: (y: number) => 1 - y * y, relu: (y: number) => (y > 0 ? 1 : 0), linear: () => 1 };

/** A view of a row-major matrix: element offset and leading dimension. */
interface Mat {
  a: Float32Array;
  off: number;
  ld: number;
}
const at = (a: Float32Array, off: number, ld: number): Mat => ({ a, off, ld });

/**
 * C[m, n] = A[m, k] · B[k, n] + beta · C, i-k-j order so the inner loop runs along contiguous memory, four rows
 * of B per pass so that each element of C is loaded and stored a quarter as often.
 */
function gemm(m: number, n: number, k: number, A: Mat, B: Mat, beta: 0 | 1, C: Mat): void {
  const [a, b, c] = [A.a, B.a, C.a];
  const k4 = k - (k % 4);
  for (let i = 0; i < m; i++) {
    const cr = C.off + i * C.ld;
    const ar = A.off + i * A.ld;
    if (beta === 0) c.fill(0, cr, cr + n);
    for (let p = 0; p < k4; p += 4) {
      const v0 = a[ar + p];
      const v1 = a[ar + p + 1];
      const v2 = a[ar + p + 2];
      const v3 = a[ar + p + 3];
      const b0 = B.off + p * B.ld;
      const b1 = b0 + B.ld;
      const b2 = b1 + B.ld;
      const b3 = b2 + B.ld;
      for (let j = 0; j < n; j++) c[cr + j] += v0 * b[b0 + j] + v1 * b[b1 + j] + v2 * b[b2 + j] + v3 * b[b3 + j];
    }
    for (let p = k4; p < k; p++) {
      const v = a[ar + p];
      const br = B.off + p * B.ld;
      for (let j = 0; j < n; j++) c[cr + j] += v * b[br + j];
    }
  }
}

/** C[:, 0:n] = Aᵀ · B[:, 0:n] for A [rows, k], B [rows, ≥n]: the recurrent kernel's gradient; four rows per pass. */
function gemmTransA(rows: number, k: number, n: number, A: Mat, B: Mat, C: Mat): void {
  const [a, b, c] = [A.a, B.a, C.a];
  for (let p = 0; p < k; p++) c.fill(0, C.off + p * C.ld, C.off + p * C.ld + n);
  const r4 = rows - (rows % 4);
  for (let r = 0; r < rows; r += r < r4 ? 4 : 1) {
    const four = r < r4;
    const b0 = B.off + r * B.ld;
    const b1 = b0 + B.ld;
    const b2 = b1 + B.ld;
    const b3 = b2 + B.ld;
    for (let p = 0; p < k; p++) {
      const a0 = A.off + r * A.ld + p;
      const cr = C.off + p * C.ld;
      const v0 = a[a0];
      if (!four) {
        for (let j = 0; j < n; j++) c[cr + j] += v0 * b[b0 + j];
        continue;
      }
      const v1 = a[a0 + A.ld];
      const v2 = a[a0 + 2 * A.ld];
      const v3 = a[a0 + 3 * A.ld];
      for (let j = 0; j < n; j++) c[cr + j] += v0 * b[b0 + j] + v1 * b[b1 + j] + v2 * b[b2 + j] + v3 * b[b3 + j];
    }
  }
}

function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(a.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[j * rows + i] = a[i * cols + j];
  return t;
}

/** All steps of the forward pass: fills seq and gates. */
export function rnnForwardJs(arr: RnnForwardArrays, d: RnnDims): void {
  const { batch: B, steps: T, units: U, hard } = d;
  const G = CELLS[d.cell].gates * U;
  const S = CELLS[d.cell].states * U;
  const gate = hard ? hardSigmoid : sigmoid;
  const act = ACT[d.act];
  const { xw, bias, rk, mask, seq, gates } = arr;
  const st = Float32Array.from(arr.s0);
  const zn = d.cell === 'gru' ? 2 * U : G;
  const z = new Float32Array(B * zn);
  const rh = new Float32Array(d.cell === 'gru' ? B * U : 0);
  const zh = new Float32Array(rh.length);
  for (let t = 0; t < T; t++) {
    gemm(B, zn, U, at(st, 0, S), at(rk, 0, G), 0, at(z, 0, zn));
    if (d.cell === 'gru') {
      for (let b = 0; b < B; b++) {
        const row = b * T + t;
        const g = row * G;
        if (mask[row] === 0) {
          rh.fill(0, b * U, b * U + U);
          continue;
        }
        for (let j = 0; j < 2 * U; j++) gates[g + j] = gate(z[b * zn + j] + xw[g + j] + bias[j]);
        for (let j = 0; j < U; j++) rh[b * U + j] = gates[g + U + j] * st[b * S + j];
      }
      gemm(B, U, U, at(rh, 0, U), at(rk, 2 * U, G), 0, at(zh, 0, U));
    }
    for (let b = 0; b < B; b++) {
      const row = b * T + t;
      const g = row * G;
      const h = b * S;
      if (mask[row] === 0) {
        gates.fill(0, g, g + G);
        seq.set(st.subarray(h, h + S), row * S);
        continue;
      }
      if (d.cell === 'lstm') {
        for (let j = 0; j < G; j++) {
          const v = z[b * G + j] + xw[g + j] + bias[j];
          gates[g + j] = j >= 2 * U && j < 3 * U ? tanh(v) : gate(v);
        }
        for (let j = 0; j < U; j++) {
          const c = gates[g + U + j] * st[h + U + j] + gates[g + j] * gates[g + 2 * U + j];
          st[h + U + j] = c;
          st[h + j] = gates[g + 3 * U + j] * tanh(c);
        }
      } else if (d.cell === 'gru') {
        for (let j = 0; j < U; j++) {
          const hh = tanh(xw[g + 2 * U + j] + bias[2 * U + j] + zh[b * U + j]);
          gates[g + 2 * U + j] = hh;
          st[h + j] = gates[g + j] * st[h + j] + (1 - gates[g + j]) * hh;
        }
      } else {
        for (let j = 0; j < U; j++) st[h + j] = gates[g + j] = act(z[b * G + j] + xw[g + j] + bias[j]);
      }
      seq.set(st.subarray(h, h + S), row * S);
    }
  }
}

/** The backward pass through time: fills dxw, dbias, drk and ds0. */
export function rnnBackwardJs(arr: RnnBackwardArrays, d: RnnDims): void {
  const { batch: B, steps: T, units: U, hard } = d;
  const G = CELLS[d.cell].gates * U;
  const S = CELLS[d.cell].states * U;
  const actGrad = ACT_GRAD[d.act];
  const { dseq, rk, s0, mask, seq, gates, dxw, dbias, drk } = arr;
  const ds = arr.ds0.fill(0);
  const rkT = transpose(rk, U, G);
  const dhp = new Float32Array(B * U);
  const hp = new Float32Array(B * T * U);
  const rhs = new Float32Array(d.cell === 'gru' ? B * T * U : 0);
  const drh = new Float32Array(d.cell === 'gru' ? B * U : 0);
  for (let t = T - 1; t >= 0; t--) {
    for (let b = 0; b < B; b++) {
      const row = b * T + t;
      const g = row * G;
      const s = row * S;
      // prev: h_{t-1} (and c_{t-1}) in `pa` at `po`.
      const pa = t > 0 ? seq : s0;
      const po = t > 0 ? s - S : b * S;
      const db = b * S;
      hp.set(pa.subarray(po, po + U), row * U);
      for (let j = 0; j < S; j++) ds[db + j] += dseq[s + j];
      if (mask[row] === 0) {
        dxw.fill(0, g, g + G);
        dhp.set(ds.subarray(db, db + U), b * U);
        continue;
      }
      for (let j = 0; j < U; j++) {
        const dh = ds[db + j];
        if (d.cell === 'lstm') {
          const i = gates[g + j];
          const f = gates[g + U + j];
          const gg = gates[g + 2 * U + j];
          const o = gates[g + 3 * U + j];
          const tc = tanh(seq[s + U + j]);
          const dct = ds[db + U + j] + dh * o * (1 - tc * tc);
          dxw[g + j] = dct * gg * gateGrad(i, hard);
          dxw[g + U + j] = dct * pa[po + U + j] * gateGrad(f, hard);
          dxw[g + 2 * U + j] = dct * i * (1 - gg * gg);
          dxw[g + 3 * U + j] = dh * tc * gateGrad(o, hard);
          ds[db + U + j] = dct * f;
          dhp[b * U + j] = 0;
        } else if (d.cell === 'gru') {
          const zg = gates[g + j];
          const hh = gates[g + 2 * U + j];
          dxw[g + j] = dh * (pa[po + j] - hh) * gateGrad(zg, hard);
          dxw[g + 2 * U + j] = dh * (1 - zg) * (1 - hh * hh);
          dhp[b * U + j] = dh * zg;
        } else {
          dxw[g + j] = dh * actGrad(gates[g + j]);
          dhp[b * U + j] = 0;
        }
      }
    }
    if (d.cell === 'gru') {
      gemm(B, U, U, at(dxw, t * G + 2 * U, T * G), at(rkT, 2 * U * U, U), 0, at(drh, 0, U));
      for (let b = 0; b < B; b++) {
        const row = b * T + t;
        if (mask[row] === 0) continue;
        for (let j = 0; j < U; j++) {
          const r = gates[row * G + U + j];
          const h = hp[row * U + j];
          const dr = drh[b * U + j];
          dxw[row * G + U + j] = dr * h * gateGrad(r, hard);
          dhp[b * U + j] += dr * r;
          rhs[row * U + j] = r * h;
        }
      }
    }
    gemm(B, U, d.cell === 'gru' ? 2 * U : G, at(dxw, t * G, T * G), at(rkT, 0, U), 1, at(dhp, 0, U));
    for (let b = 0; b < B; b++) ds.set(dhp.subarray(b * U, b * U + U), b * S);
  }
  if (d.cell === 'gru') {
    gemmTransA(B * T, U, 2 * U, at(hp, 0, U), at(dxw, 0, G), at(drk, 0, G));
    gemmTransA(B * T, U, U, at(rhs, 0, U), at(dxw, 2 * U, G), at(drk, 2 * U, G));
  } else {
    gemmTransA(B * T, U, G, at(hp, 0, U), at(dxw, 0, G), at(drk, 0, G));
  }
  const acc = new Float64Array(G);
  for (let r = 0; r < B * T; r++) for (let j = 0; j < G; j++) acc[j] += dxw[r * G + j];
  dbias.set(acc);
}
