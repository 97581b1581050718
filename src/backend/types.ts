// The backend's shared vocabulary: candidate ids, what each probe reports, and what initBackend() returns.
import type * as tfjs from '@tensorflow/tfjs';

/** The tfjs namespace the kernel must use as `tf` (a native package re-exports its own copy). */
export type TfModule = typeof tfjs;

/** Candidates in the order they are tried. */
export const CANDIDATE_IDS = ['tfjs-node-gpu', 'tfjs-node', 'wasm', 'cpu'] as const;
export type CandidateId = (typeof CANDIDATE_IDS)[number];

export interface CandidateReport {
  id: CandidateId;
  /** True for the one backend that was chosen. */
  chosen: boolean;
  /** Why it was chosen, skipped or rejected, in words for the banner and `backendInfo()`. */
  reason: string;
  /** Time spent probing this candidate, in milliseconds. */
  ms: number;
}

export interface BackendInfo {
  /** The candidate that was chosen. */
  id: CandidateId;
  /** tfjs backend name: 'tensorflow', 'wasm' or 'cpu'. */
  name: string;
  /** What computes, e.g. "GPU (CUDA)", "CPU (WebAssembly SIMD)". */
  device: string;
  /** Version of the package that provides the backend. */
  version: string;
  /**
   * tsdl's kernels over wasm: `active` when the native BLAS addon is in use; `detail` is one line for
   * the banner; `kernels` are tsdl's own, `bridged` run through `cpu` (empty on other backends).
   */
  fastPath: { active: boolean; detail: string; kernels: string[]; bridged: string[] };
  /** Set when TSDL_BACKEND (or `forced`) chose the backend. */
  forced?: CandidateId;
  candidates: CandidateReport[];
  /** Total start-up time in milliseconds. */
  initMs: number;
}

export interface InitOptions {
  /** A candidate id (or alias such as 'gpu', 'node', 'tensorflow'); defaults to env TSDL_BACKEND. */
  forced?: string;
  /** Directory from which the optional native packages are resolved (tests point it at stand-ins). */
  resolveFrom?: string;
}
