/*
 * Fused recurrent sequences: all time steps of an LSTM, GRU or SimpleRNN layer's forward pass, and its backward
 * pass through time, each in one call, in place on the wasm heap. Per step one or two small GEMMs plus the
 * gates in plain loops, instead of the tens of tfjs ops per step of tfjs's generic RNN. Same maths as tfjs's
 * cells (LSTM gates i, f, c, o; GRU gates z, r, h with the reset gate applied before the recurrent product,
 * i.e. Keras's reset_after=False) and its masking (a masked step carries the previous states).
 *
 * Layouts (row-major, B batch, T steps, U units, G gates: LSTM 4, GRU 3, SimpleRNN 1; W states: LSTM 2, else 1):
 *   xw    [B, T, G*U]  x·W for every step (computed outside, one GEMM)
 *   bias  [G*U]
 *   rk    [U, G*U]     the recurrent kernel
 *   s0    [B, W*U]     initial states (LSTM: h then c)
 *   mask  [B, T]       1 = step taken, 0 = step skipped
 *   seq   [B, T, W*U]  the states after every step
 *   gates [B, T, G*U]  activated gates of every step (0 where masked), saved for the backward pass
 * The backward pass fills dxw (the gradient of the pre-activations' x·W part, [B, T, G*U]), dbias, drk, ds0.
 */
#include <stdlib.h>
#include <string.h>

#include "tsdl_blas.h"

enum { LSTM = 0, GRU = 1, SIMPLE = 2 };
enum { TANH = 0, RELU = 1, LINEAR = 2 };

static const int GATES[] = {4, 3, 1}, STATES[] = {2, 1, 1};

/* Gate activations: tfjs's sigmoid and hardSigmoid (clip(0.2x + 0.5, 0, 1)). */
static inline float gate(float x, int hard) {
  if (hard) {
    float y = 0.2f * x + 0.5f;
    return y < 0 ? 0 : (y > 1 ? 1 : y);
  }
  return 0.5f * fast_tanh(0.5f * x) + 0.5f;
}

/* gate() over a row, one loop per activation so that each vectorises. */
static void gate_row(float *g, long n, int hard) {
  if (hard)
    for (long j = 0; j < n; j++) g[j] = gate(g[j], 1);
  else
    for (long j = 0; j < n; j++) g[j] = gate(g[j], 0);
}

/* The LSTM's new c and h from its gates (restrict: the rows do not overlap, so the loops vectorise). */
static void lstm_state(const float *restrict g, float *restrict h, float *restrict c, int U) {
  for (int j = 0; j < U; j++) c[j] = g[U + j] * c[j] + g[j] * g[2 * U + j];
  for (int j = 0; j < U; j++) h[j] = g[3 * U + j] * fast_tanh(c[j]);
}

/* d gate / dx from the gate's value. */
static inline float gate_grad(float y, int hard) { return hard ? 0.2f * (float)((y > 0) & (y < 1)) : y * (1 - y); }

/* SimpleRNN's activation, and its derivative from its value. */
static inline float act(float x, int a) { return a == TANH ? fast_tanh(x) : (a == RELU ? (x > 0 ? x : (x != x ? x : 0)) : x); }
static inline float act_grad(float y, int a) { return a == TANH ? 1 - y * y : (a == RELU ? (float)(y > 0) : 1.0f); }

typedef struct {
  int cell, B, T, U, G, W, hard, act;
} Dims;

/* Reads the cell and sizes; 0 with a JS error thrown for an unknown cell. */
static int read_dims(Args *a, size_t i, int cell, Dims *d) {
  if (cell < LSTM || cell > SIMPLE) { napi_throw_range_error(a->env, NULL, "tsdl_blas: unknown recurrent cell"); return 0; }
  d->cell = cell;
  d->B = ia(a, i);
  d->T = ia(a, i + 1);
  d->U = ia(a, i + 2);
  d->hard = ia(a, i + 3);
  d->act = ia(a, i + 4);
  d->G = GATES[cell];
  d->W = STATES[cell];
  return 1;
}

/* Scratch buffers (not zeroed) carved from one block kept between calls (one per thread: each worker that loads
 * tfjs calls in on its own): fresh multi-megabyte allocations are fresh pages, and page faults cost more than the
 * loops here. 0 with a JS error thrown when out of memory. */
static int scratch(napi_env env, int n, float **out[], const size_t sizes[]) {
  static _Thread_local float *pool;
  static _Thread_local size_t pool_floats;
  size_t total = 0;
  for (int i = 0; i < n; i++) total += sizes[i];
  if (total > pool_floats) {
    float *grown = realloc(pool, sizeof(float) * total);
    if (!grown) { napi_throw_error(env, NULL, "tsdl_blas: out of memory"); return 0; }
    pool = grown;
    pool_floats = total;
  }
  float *p = pool;
  for (int i = 0; i < n; i++) {
    *out[i] = p;
    p += sizes[i];
  }
  return 1;
}

/* One LSTM row of the backward pass: dz from dh and dc (carried in place to d c_{t-1}), given the gates, c_t
 * and c_{t-1}. restrict: the rows do not overlap, so the loop vectorises. */
static void lstm_grad(const float *restrict g, const float *restrict c, const float *restrict cp, const float *restrict dh,
                      float *restrict dc, float *restrict dz, int U, int hard) {
  for (int j = 0; j < U; j++) {
    float i = g[j], f = g[U + j], gg = g[2 * U + j], o = g[3 * U + j];
    float tc = fast_tanh(c[j]);
    float dct = dc[j] + dh[j] * o * (1 - tc * tc);
    dz[j] = dct * gg * gate_grad(i, hard);
    dz[U + j] = dct * cp[j] * gate_grad(f, hard);
    dz[2 * U + j] = dct * i * (1 - gg * gg);
    dz[3 * U + j] = dh[j] * tc * gate_grad(o, hard);
    dc[j] = dct * f;
  }
}

/* One GRU row: dz of the z and candidate gates, and the direct part of d h_{t-1} (dp), given h_{t-1}. */
static void gru_grad(const float *restrict g, const float *restrict hp, const float *restrict dh, float *restrict dz,
                     float *restrict dp, int U, int hard) {
  for (int j = 0; j < U; j++) {
    float zg = g[j], hh = g[2 * U + j];
    dz[j] = dh[j] * (hp[j] - hh) * gate_grad(zg, hard);
    dz[2 * U + j] = dh[j] * (1 - zg) * (1 - hh * hh);
    dp[j] = dh[j] * zg;
  }
}

/* rnnForward(heap, cell, xwOff, biasOff, rkOff, s0Off, maskOff, seqOff, gatesOff, B, T, U, hard, act). */
napi_value RnnForward(napi_env env, napi_callback_info info) {
  Args a;
  if (!get_args(env, info, &a, 14)) return NULL;
  Dims d;
  if (!read_dims(&a, 9, ia(&a, 1), &d)) return NULL;
  const float *xw = fa(&a, 2), *bias = fa(&a, 3), *rk = fa(&a, 4), *s0 = fa(&a, 5), *mask = fa(&a, 6);
  float *seq = fa(&a, 7), *gates = fa(&a, 8);
  const int B = d.B, T = d.T, U = d.U, hard = d.hard;
  const long G = (long)d.G * U, S = (long)d.W * U;
  /* st: the current states, contiguous for the GEMMs; z: h·rk; rh: GRU's r*h and its product zh. */
  float *st, *z, *rh, *zh;
  float **bufs[] = {&st, &z, &rh, &zh};
  size_t sizes[] = {(size_t)B * S, (size_t)B * G, d.cell == GRU ? (size_t)B * U : 0, d.cell == GRU ? (size_t)B * U : 0};
  if (!scratch(env, 4, bufs, sizes)) return NULL;
  memcpy(st, s0, sizeof(float) * B * S);
  for (int t = 0; t < T; t++) {
    /* The GRU's first product covers z and r only (the first 2U columns of rk). */
    long zn = d.cell == GRU ? 2L * U : G;
    sgemm(RowMajor, NoTrans, NoTrans, B, zn, U, 1.0f, st, S, rk, G, 0.0f, z, zn);
    if (d.cell == GRU) {
      for (int b = 0; b < B; b++) {
        long row = (long)b * T + t;
        float *g = gates + row * G, *rb = rh + (long)b * U;
        const float *x = xw + row * G, *zb = z + (long)b * zn, *h = st + (long)b * S;
        if (mask[row] == 0) { memset(rb, 0, sizeof(float) * U); continue; }
        for (long j = 0; j < 2 * U; j++) g[j] = zb[j] + x[j] + bias[j];
        gate_row(g, 2 * U, hard);
        for (int j = 0; j < U; j++) rb[j] = g[U + j] * h[j];
      }
      sgemm(RowMajor, NoTrans, NoTrans, B, U, U, 1.0f, rh, U, rk + 2 * U, G, 0.0f, zh, U);
    }
    for (int b = 0; b < B; b++) {
      long row = (long)b * T + t;
      float *g = gates + row * G, *s = seq + row * S, *h = st + (long)b * S;
      const float *x = xw + row * G;
      if (mask[row] == 0) {
        memset(g, 0, sizeof(float) * G);
        memcpy(s, h, sizeof(float) * S);
        continue;
      }
      if (d.cell == LSTM) {
        const float *zb = z + (long)b * G;
        for (long j = 0; j < G; j++) g[j] = zb[j] + x[j] + bias[j];
        gate_row(g, 2 * U, hard);
        for (long j = 2 * U; j < 3 * U; j++) g[j] = fast_tanh(g[j]);
        gate_row(g + 3 * U, U, hard);
        lstm_state(g, h, h + U, U);
      } else if (d.cell == GRU) {
        const float *zhb = zh + (long)b * U;
        for (int j = 0; j < U; j++) g[2 * U + j] = fast_tanh(x[2 * U + j] + bias[2 * U + j] + zhb[j]);
        for (int j = 0; j < U; j++) h[j] = g[j] * h[j] + (1 - g[j]) * g[2 * U + j];
      } else {
        const float *zb = z + (long)b * G;
        for (int j = 0; j < U; j++) h[j] = g[j] = act(zb[j] + x[j] + bias[j], d.act);
      }
      memcpy(s, h, sizeof(float) * S);
    }
  }
  return NULL;
}

/* rnnBackward(heap, cell, dseqOff, rkOff, s0Off, maskOff, seqOff, gatesOff, dxwOff, dbiasOff, drkOff, ds0Off,
 * B, T, U, hard, act). The recurrent kernel's gradient, Σ_t h_{t-1}ᵀ dz_t, is one GEMM after the loop over the
 * saved h_{t-1} of every row (hp; for the GRU's candidate, r*h_{t-1} in rhs). */
napi_value RnnBackward(napi_env env, napi_callback_info info) {
  Args a;
  if (!get_args(env, info, &a, 17)) return NULL;
  Dims d;
  if (!read_dims(&a, 12, ia(&a, 1), &d)) return NULL;
  const float *dseq = fa(&a, 2), *rk = fa(&a, 3), *s0 = fa(&a, 4), *mask = fa(&a, 5), *seq = fa(&a, 6), *gates = fa(&a, 7);
  float *dxw = fa(&a, 8), *dbias = fa(&a, 9), *drk = fa(&a, 10), *ds = fa(&a, 11);
  const int B = d.B, T = d.T, U = d.U, hard = d.hard;
  const long G = (long)d.G * U, S = (long)d.W * U;
  /* ds (the output ds0) carries d states from step to step; dhp collects d h_{t-1}; drh: GRU's d(r*h). */
  float *dhp, *hp, *rhs, *drh;
  float **bufs[] = {&dhp, &hp, &rhs, &drh};
  size_t rows = (size_t)B * T;
  size_t sizes[] = {(size_t)B * U, rows * U, d.cell == GRU ? rows * U : 0, d.cell == GRU ? (size_t)B * U : 0};
  if (!scratch(env, 4, bufs, sizes)) return NULL;
  memset(ds, 0, sizeof(float) * B * S);
  for (int t = T - 1; t >= 0; t--) {
    for (int b = 0; b < B; b++) {
      long row = (long)b * T + t;
      const float *dsr = dseq + row * S, *g = gates + row * G, *s = seq + row * S;
      const float *prev = t > 0 ? seq + (row - 1) * S : s0 + (long)b * S;
      float *db = ds + (long)b * S, *dz = dxw + row * G, *dp = dhp + (long)b * U;
      memcpy(hp + row * U, prev, sizeof(float) * U);
      for (long j = 0; j < S; j++) db[j] += dsr[j];
      if (mask[row] == 0) {
        memset(dz, 0, sizeof(float) * G);
        memcpy(dp, db, sizeof(float) * U);
        continue;
      }
      float *dh = db;
      if (d.cell == LSTM) {
        lstm_grad(g, s + U, prev + U, dh, db + U, dz, U, hard);
        memset(dp, 0, sizeof(float) * U);
      } else if (d.cell == GRU) {
        gru_grad(g, prev, dh, dz, dp, U, hard);
      } else {
        for (int j = 0; j < U; j++) {
          dz[j] = dh[j] * act_grad(g[j], d.act);
          dp[j] = 0;
        }
      }
    }
    /* Rows of step t sit T*G apart in dxw. */
    const float *dzt = dxw + (long)t * G;
    if (d.cell == GRU) {
      sgemm(RowMajor, NoTrans, Trans, B, U, U, 1.0f, dzt + 2 * U, T * G, rk + 2 * U, G, 0.0f, drh, U);
      for (int b = 0; b < B; b++) {
        long row = (long)b * T + t;
        float *rh = rhs + row * U;
        if (mask[row] == 0) { memset(rh, 0, sizeof(float) * U); continue; }
        const float *g = gates + row * G, *h = hp + row * U, *dr = drh + (long)b * U;
        float *dz = dxw + row * G, *dp = dhp + (long)b * U;
        for (int j = 0; j < U; j++) {
          float r = g[U + j];
          dz[U + j] = dr[j] * h[j] * gate_grad(r, hard);
          dp[j] += dr[j] * r;
          rh[j] = r * h[j];
        }
      }
    }
    /* d h_{t-1} += dz_t · rkᵀ (for the GRU, its z and r columns); masked rows add zeros. */
    int k = d.cell == GRU ? 2 * U : G;
    sgemm(RowMajor, NoTrans, Trans, B, U, k, 1.0f, dzt, T * G, rk, G, 1.0f, dhp, U);
    for (int b = 0; b < B; b++) memcpy(ds + (long)b * S, dhp + (long)b * U, sizeof(float) * U);
  }
  if (d.cell == GRU) {
    sgemm(RowMajor, Trans, NoTrans, U, 2 * U, rows, 1.0f, hp, U, dxw, G, 0.0f, drk, G);
    sgemm(RowMajor, Trans, NoTrans, U, U, rows, 1.0f, rhs, U, dxw + 2 * U, G, 0.0f, drk + 2 * U, G);
  } else {
    sgemm(RowMajor, Trans, NoTrans, U, G, rows, 1.0f, hp, U, dxw, G, 0.0f, drk, G);
  }
  /* dbias = Σ rows of dxw, accumulated in double. */
  double *acc = calloc(G, sizeof(double));
  if (acc) {
    for (size_t r = 0; r < rows; r++)
      for (long j = 0; j < G; j++) acc[j] += dxw[r * G + j];
    for (long j = 0; j < G; j++) dbias[j] = (float)acc[j];
  }
  free(acc);
  if (!acc) napi_throw_error(env, NULL, "tsdl_blas: out of memory");
  return NULL;
}
