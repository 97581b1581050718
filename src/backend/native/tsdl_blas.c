/*
 * tsdl's optional native fast path: float32 GEMM and conv-gradient kernels that work in place on
 * the tfjs wasm backend's heap (an ArrayBuffer + byte offsets), so no tensor is copied; the fused
 * recurrent sequences are in tsdl_rnn.c.
 * BLAS is found at run time with dlopen (OpenBLAS or any libblas.so.3 with CBLAS), so building needs
 * only a C compiler and Node's headers; without a BLAS library the addon loads and says so.
 */
#include <dlfcn.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "tsdl_blas.h"

typedef void (*sgemm_fn)(int, int, int, int, int, int, float, const float *, int, const float *, int, float,
                         float *, int);
typedef void (*set_threads_fn)(int);

static sgemm_fn blas_sgemm;
static set_threads_fn set_threads;
static int max_threads = 1, cur_threads = -1;

/* Threads pay off only for big products: below ~1M multiply-adds (an LSTM step's GEMMs) waking a
 * second thread costs more than it saves, so small GEMMs run on one. So do skinny ones (a side under 64,
 * e.g. a recurrent layer's x·W with 32 inputs): they are memory-bound, and on a busy machine a second thread
 * only adds waiting for it (the short recurrent benchmarks in bench/RESULTS.md). */
void sgemm(int order, int ta, int tb, int M, int N, int K, float alpha, const float *A, int lda, const float *B,
           int ldb, float beta, float *C, int ldc) {
  int big = (double)M * N * K >= (1 << 20) && M >= 64 && N >= 64 && K >= 64;
  int want = big ? max_threads : 1;
  if (set_threads && want != cur_threads) { set_threads(want); cur_threads = want; }
  blas_sgemm(order, ta, tb, M, N, K, alpha, A, lda, B, ldb, beta, C, ldc);
}
static const char *blas_name;

static void load_blas(void) {
  static const char *names[] = {"libopenblas.so.0", "libopenblas.so", "libblas.so.3", "libcblas.so.3", NULL};
  for (int i = 0; names[i] && !blas_sgemm; i++) {
    void *h = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    if (!h) continue;
    blas_sgemm = (sgemm_fn)dlsym(h, "cblas_sgemm");
    set_threads = (set_threads_fn)dlsym(h, "openblas_set_num_threads");
    if (blas_sgemm) blas_name = names[i]; else dlclose(h);
  }
}

int get_args(napi_env env, napi_callback_info info, Args *a, size_t want) {
  a->env = env;
  a->argc = MAX_ARGS;
  napi_get_cb_info(env, info, &a->argc, a->argv, NULL, NULL);
  if (a->argc < want) { napi_throw_error(env, NULL, "tsdl_blas: too few arguments"); return 0; }
  void *data; size_t len;
  if (napi_get_arraybuffer_info(env, a->argv[0], &data, &len) != napi_ok) {
    napi_throw_type_error(env, NULL, "tsdl_blas: first argument must be the wasm heap ArrayBuffer");
    return 0;
  }
  a->heap = (char *)data;
  return 1;
}

int ia(Args *a, size_t i) { int v = 0; napi_get_value_int32(a->env, a->argv[i], &v); return v; }
float *fa(Args *a, size_t i) { return (float *)(a->heap + ia(a, i)); }

/* sgemmBatch(heap, transA, transB, batch, M, N, K, aOff, aStride, bOff, bStride, cOff) : C = op(A) op(B).
 * Offsets in bytes; strides in elements between batch items (0 broadcasts). */
static napi_value SgemmBatch(napi_env env, napi_callback_info info) {
  Args a;
  if (!get_args(env, info, &a, 12)) return NULL;
  int ta = ia(&a, 1), tb = ia(&a, 2), batch = ia(&a, 3), M = ia(&a, 4), N = ia(&a, 5), K = ia(&a, 6);
  float *A = fa(&a, 7), *B = fa(&a, 9), *C = fa(&a, 11);
  long as = ia(&a, 8), bs = ia(&a, 10);
  for (int i = 0; i < batch; i++)
    sgemm(RowMajor, ta ? Trans : NoTrans, tb ? Trans : NoTrans, M, N, K, 1.0f, A + i * as, ta ? M : K,
          B + i * bs, tb ? K : N, 0.0f, C + (long)i * M * N, N);
  return NULL;
}

typedef struct { int B, H, W, CI, OH, OW, CO, KH, KW, sh, sw, pt, pl, dh, dw; } Geo;

static void read_geo(Args *a, size_t i, Geo *g) {
  int *f = &g->B;
  for (int k = 0; k < 15; k++) f[k] = ia(a, i + k);
}

/* cols[(b,oh,ow), (kh,kw,ci)] = x[b, oh*sh - pt + kh*dh, ow*sw - pl + kw*dw, ci] (0 outside). */
static void im2col(const float *x, float *cols, const Geo *g) {
  long row = (long)g->KH * g->KW * g->CI;
  for (int b = 0; b < g->B; b++)
    for (int oh = 0; oh < g->OH; oh++)
      for (int ow = 0; ow < g->OW; ow++) {
        float *dst = cols + (((long)b * g->OH + oh) * g->OW + ow) * row;
        for (int kh = 0; kh < g->KH; kh++) {
          int ih = oh * g->sh - g->pt + kh * g->dh;
          for (int kw = 0; kw < g->KW; kw++, dst += g->CI) {
            int iw = ow * g->sw - g->pl + kw * g->dw;
            if (ih < 0 || ih >= g->H || iw < 0 || iw >= g->W) memset(dst, 0, sizeof(float) * g->CI);
            else memcpy(dst, x + (((long)b * g->H + ih) * g->W + iw) * g->CI, sizeof(float) * g->CI);
          }
        }
      }
}

/* The adjoint of im2col: dx += cols scattered back (dx zeroed first). */
static void col2im(const float *cols, float *dx, const Geo *g) {
  long row = (long)g->KH * g->KW * g->CI;
  memset(dx, 0, sizeof(float) * g->B * g->H * g->W * g->CI);
  for (int b = 0; b < g->B; b++)
    for (int oh = 0; oh < g->OH; oh++)
      for (int ow = 0; ow < g->OW; ow++) {
        const float *src = cols + (((long)b * g->OH + oh) * g->OW + ow) * row;
        for (int kh = 0; kh < g->KH; kh++) {
          int ih = oh * g->sh - g->pt + kh * g->dh;
          for (int kw = 0; kw < g->KW; kw++, src += g->CI) {
            int iw = ow * g->sw - g->pl + kw * g->dw;
            if (ih < 0 || ih >= g->H || iw < 0 || iw >= g->W) continue;
            float *d = dx + (((long)b * g->H + ih) * g->W + iw) * g->CI;
            for (int c = 0; c < g->CI; c++) d[c] += src[c];
          }
        }
      }
}

/* One convolution call: its arguments (heap, three offsets, then the geometry) and its im2col buffer of
 * rows = B*OH*OW by k = KH*KW*CI. */
typedef struct { Args a; Geo g; long rows, k; float *cols; } ConvCall;

/* Reads the arguments and allocates the buffer; returns 0 with a JS error thrown when it cannot. */
static int conv_begin(napi_env env, napi_callback_info info, ConvCall *c) {
  if (!get_args(env, info, &c->a, 19)) return 0;
  read_geo(&c->a, 4, &c->g);
  c->rows = (long)c->g.B * c->g.OH * c->g.OW;
  c->k = (long)c->g.KH * c->g.KW * c->g.CI;
  c->cols = malloc(sizeof(float) * c->rows * c->k);
  if (!c->cols) { napi_throw_error(env, NULL, "tsdl_blas: out of memory"); return 0; }
  return 1;
}

/* conv2dBackpropFilter(heap, xOff, dyOff, dwOff, ...geo): dW[KH*KW*CI, CO] = cols^T dy. */
static napi_value Conv2dBackpropFilter(napi_env env, napi_callback_info info) {
  ConvCall c;
  if (!conv_begin(env, info, &c)) return NULL;
  im2col(fa(&c.a, 1), c.cols, &c.g);
  sgemm(RowMajor, Trans, NoTrans, c.k, c.g.CO, c.rows, 1.0f, c.cols, c.k, fa(&c.a, 2), c.g.CO, 0.0f, fa(&c.a, 3), c.g.CO);
  free(c.cols);
  return NULL;
}

/* conv2dBackpropInput(heap, dyOff, wOff, dxOff, ...geo): dx = col2im(dy W^T), W as [KH*KW*CI, CO]. */
static napi_value Conv2dBackpropInput(napi_env env, napi_callback_info info) {
  ConvCall c;
  if (!conv_begin(env, info, &c)) return NULL;
  sgemm(RowMajor, NoTrans, Trans, c.rows, c.k, c.g.CO, 1.0f, fa(&c.a, 1), c.g.CO, fa(&c.a, 2), c.g.CO, 0.0f, c.cols, c.k);
  col2im(c.cols, fa(&c.a, 3), &c.g);
  free(c.cols);
  return NULL;
}

/* conv2d(heap, xOff, wOff, yOff, ...geo): y[B*OH*OW, CO] = im2col(x) W, W as [KH*KW*CI, CO]. */
static napi_value Conv2d(napi_env env, napi_callback_info info) {
  ConvCall c;
  if (!conv_begin(env, info, &c)) return NULL;
  im2col(fa(&c.a, 1), c.cols, &c.g);
  sgemm(RowMajor, NoTrans, NoTrans, c.rows, c.g.CO, c.k, 1.0f, c.cols, c.k, fa(&c.a, 2), c.g.CO, 0.0f, fa(&c.a, 3), c.g.CO);
  free(c.cols);
  return NULL;
}

/* maxPoolGrad(heap, xOff, dyOff, dxOff, B, H, W, C, OH, OW, fh, fw, sh, sw, pt, pl): each dy goes to
 * the first maximum of its window (the order `cpu` scans it in). */
static napi_value MaxPoolGrad(napi_env env, napi_callback_info info) {
  Args a;
  if (!get_args(env, info, &a, 16)) return NULL;
  const float *x = fa(&a, 1), *dy = fa(&a, 2);
  float *dx = fa(&a, 3);
  int B = ia(&a, 4), H = ia(&a, 5), W = ia(&a, 6), C = ia(&a, 7), OH = ia(&a, 8), OW = ia(&a, 9);
  int fh = ia(&a, 10), fw = ia(&a, 11), sh = ia(&a, 12), sw = ia(&a, 13), pt = ia(&a, 14), pl = ia(&a, 15);
  long *at = malloc(sizeof(long) * C);
  float *best = malloc(sizeof(float) * C);
  if (!at || !best) { free(at); free(best); napi_throw_error(env, NULL, "tsdl_blas: out of memory"); return NULL; }
  memset(dx, 0, sizeof(float) * B * H * W * C);
  const float *g = dy;
  for (int b = 0; b < B; b++)
    for (int oh = 0; oh < OH; oh++)
      for (int ow = 0; ow < OW; ow++, g += C) {
        int h0 = oh * sh - pt, w0 = ow * sw - pl;
        for (int c = 0; c < C; c++) at[c] = -1;
        for (int kh = h0 < 0 ? -h0 : 0; kh < fh && h0 + kh < H; kh++)
          for (int kw = w0 < 0 ? -w0 : 0; kw < fw && w0 + kw < W; kw++) {
            long base = (((long)b * H + h0 + kh) * W + w0 + kw) * C;
            for (int c = 0; c < C; c++)
              if (at[c] < 0 || x[base + c] > best[c]) { best[c] = x[base + c]; at[c] = base + c; }
          }
        for (int c = 0; c < C; c++) if (at[c] >= 0) dx[at[c]] += g[c];
      }
  free(at);
  free(best);
  return NULL;
}

/* reduceSum(heap, xOff, yOff, outer, red, inner): y[o, i] = sum_r x[o, r, i], accumulated in double. */
static napi_value ReduceSum(napi_env env, napi_callback_info info) {
  Args a;
  if (!get_args(env, info, &a, 6)) return NULL;
  const float *x = fa(&a, 1);
  float *y = fa(&a, 2);
  int outer = ia(&a, 3), red = ia(&a, 4), inner = ia(&a, 5);
  double *acc = malloc(sizeof(double) * (inner > 0 ? inner : 1));
  if (!acc) { napi_throw_error(env, NULL, "tsdl_blas: out of memory"); return NULL; }
  for (int o = 0; o < outer; o++) {
    for (int i = 0; i < inner; i++) acc[i] = 0;
    const float *src = x + (long)o * red * inner;
    for (int r = 0; r < red; r++, src += inner)
      for (int i = 0; i < inner; i++) acc[i] += src[i];
    for (int i = 0; i < inner; i++) y[(long)o * inner + i] = (float)acc[i];
  }
  free(acc);
  return NULL;
}

/* unary(heap, op, xOff, yOff, n, alpha): elementwise ops wasm runs through a per-element function pointer.
 * op: 0 Sqrt, 1 Square, 2 Relu, 3 Step (NaN stays NaN, x > 0 gives 1, else alpha), 4 Tanh. */
static napi_value Unary(napi_env env, napi_callback_info info) {
  Args a;
  if (!get_args(env, info, &a, 6)) return NULL;
  int op = ia(&a, 1), n = ia(&a, 4);
  const float *x = fa(&a, 2);
  float *y = fa(&a, 3);
  double alpha = 0;
  napi_get_value_double(env, a.argv[5], &alpha);
  float al = (float)alpha;
  switch (op) {
    case 0: for (int i = 0; i < n; i++) y[i] = sqrtf(x[i]); break;
    case 1: for (int i = 0; i < n; i++) y[i] = x[i] * x[i]; break;
    case 2: for (int i = 0; i < n; i++) y[i] = x[i] > 0 ? x[i] : (x[i] != x[i] ? x[i] : 0); break;
    case 3: for (int i = 0; i < n; i++) y[i] = x[i] != x[i] ? x[i] : (x[i] > 0 ? 1.0f : al); break;
    case 4: for (int i = 0; i < n; i++) y[i] = fast_tanh(x[i]); break;
    default: napi_throw_range_error(env, NULL, "tsdl_blas: unknown unary op");
  }
  return NULL;
}

/* copyRows(heap, srcOff, srcStride, dstOff, dstStride, rows, runBytes): rows of runBytes bytes from a
 * strided source to a strided destination (strides in bytes) — concat, split and unstack in one call. */
static napi_value CopyRows(napi_env env, napi_callback_info info) {
  Args a;
  if (!get_args(env, info, &a, 7)) return NULL;
  const char *src = a.heap + ia(&a, 1);
  char *dst = a.heap + ia(&a, 3);
  long ss = ia(&a, 2), ds = ia(&a, 4);
  int rows = ia(&a, 5), run = ia(&a, 6);
  for (int r = 0; r < rows; r++) memcpy(dst + r * ds, src + r * ss, run);
  return NULL;
}

/* setThreads(n): the most threads a big GEMM may use (OpenBLAS only; other BLAS ignore it). */
static napi_value SetThreads(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  int n = 1;
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  if (argc > 0) napi_get_value_int32(env, argv[0], &n);
  max_threads = n > 0 ? n : 1;
  cur_threads = -1;
  return NULL;
}

static napi_value Init(napi_env env, napi_value exports) {
  load_blas();
  napi_value blas;
  if (blas_name) napi_create_string_utf8(env, blas_name, NAPI_AUTO_LENGTH, &blas);
  else napi_get_null(env, &blas);
  napi_set_named_property(env, exports, "blas", blas);
  if (!blas_sgemm) return exports; /* no BLAS: only `blas: null` is exported */
  napi_property_descriptor fns[] = {
    {"sgemmBatch", NULL, SgemmBatch, NULL, NULL, NULL, napi_default, NULL},
    {"conv2dBackpropFilter", NULL, Conv2dBackpropFilter, NULL, NULL, NULL, napi_default, NULL},
    {"conv2dBackpropInput", NULL, Conv2dBackpropInput, NULL, NULL, NULL, napi_default, NULL},
    {"conv2d", NULL, Conv2d, NULL, NULL, NULL, napi_default, NULL},
    {"maxPoolGrad", NULL, MaxPoolGrad, NULL, NULL, NULL, napi_default, NULL},
    {"reduceSum", NULL, ReduceSum, NULL, NULL, NULL, napi_default, NULL},
    {"copyRows", NULL, CopyRows, NULL, NULL, NULL, napi_default, NULL},
    {"unary", NULL, Unary, NULL, NULL, NULL, napi_default, NULL},
    {"setThreads", NULL, SetThreads, NULL, NULL, NULL, napi_default, NULL},
    {"rnnForward", NULL, RnnForward, NULL, NULL, NULL, napi_default, NULL},
    {"rnnBackward", NULL, RnnBackward, NULL, NULL, NULL, napi_default, NULL},
    {"adviseHugePages", NULL, AdviseHugePages, NULL, NULL, NULL, napi_default, NULL},
  };
  napi_define_properties(env, exports, sizeof fns / sizeof fns[0], fns);
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, Init)
