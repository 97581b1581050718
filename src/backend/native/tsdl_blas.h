/*
 * What tsdl_blas.c shares with the addon's other source files: the GEMM wrapper, argument reading
 * (heap ArrayBuffer + byte offsets) and the vectorisable tanh.
 */
#ifndef TSDL_BLAS_H
#define TSDL_BLAS_H
#include <math.h>
#include <node_api.h>

enum { RowMajor = 101, NoTrans = 111, Trans = 112 };

/* cblas_sgemm through the BLAS found at load time, on one thread for small products. */
void sgemm(int order, int ta, int tb, int M, int N, int K, float alpha, const float *A, int lda, const float *B,
           int ldb, float beta, float *C, int ldc);

#define MAX_ARGS 24
typedef struct { napi_env env; napi_value argv[MAX_ARGS]; size_t argc; char *heap; } Args;

/* Reads the call's arguments (the first must be the heap ArrayBuffer); 0 with a JS error thrown if not. */
int get_args(napi_env env, napi_callback_info info, Args *a, size_t want);
/* Argument i as an int, and as a float pointer into the heap (a byte offset). */
int ia(Args *a, size_t i);
float *fa(Args *a, size_t i);

/* tanh as Eigen's and XLA's clamped 13/6 rational approximation (a few ulp): branch-free, so the
 * loop vectorises, unlike a call to tanhf per element. NaN falls through the comparisons and stays NaN. */
static inline float fast_tanh(float x) {
  float c = x > 7.90531110763549805f ? 7.90531110763549805f : (x < -7.90531110763549805f ? -7.90531110763549805f : x);
  float x2 = c * c;
  float p = -2.76076847742355e-16f;
  p = p * x2 + 2.00018790482477e-13f;
  p = p * x2 + -8.60467152213735e-11f;
  p = p * x2 + 5.12229709037114e-08f;
  p = p * x2 + 1.48572235717979e-05f;
  p = p * x2 + 6.37261928875436e-04f;
  p = p * x2 + 4.89352455891786e-03f;
  float q = 1.19825839466702e-06f;
  q = q * x2 + 1.18534705686654e-04f;
  q = q * x2 + 2.26843463243900e-03f;
  q = q * x2 + 4.89352518554385e-03f;
  return fabsf(x) < 0.0004f ? x : c * p / q;
}

/* Fused recurrent sequences (tsdl_rnn.c). */
napi_value RnnForward(napi_env env, napi_callback_info info);
napi_value RnnBackward(napi_env env, napi_callback_info info);

/* The wasm heap on transparent huge pages (tsdl_pages.c). */
napi_value AdviseHugePages(napi_env env, napi_callback_info info);

#endif
