// The backend's shared vocabulary: candidate ids, what each probe reports, and what initBackend() returns.
import type * as tfjs from '@tensorflow/tfjs';
import type { Loader } from './resolve';
import type { WasmKernelReport } from './wasm/install';

/** The tfjs namespace the kernel must use as `tf` (a native package re-exports its own copy). */
export type TfModule = typeof tfjs;

/** Candidates in the order they are tried. */
export const CANDIDATE_IDS = ['tfjs-node-gpu', 'tfjs-node', 'webgpu', 'wasm', 'cpu'] as const;
export type CandidateId = (typeof CANDIDATE_IDS)[number];

/** What a successful probe hands back: the live tf module and how to describe it. */
export interface Chosen {
  tf: TfModule;
  name: string;
  device: string;
  version: string;
  reason: string;
  /** tsdl's kernels on the backend (wasm), or the ones bridged to cpu (webgpu); null where there are none. */
  fastPath: WasmKernelReport | null;
}

export type ProbeResult = { ok: true; chosen: Chosen } | { ok: false; reason: string };

/** Loads and starts one candidate; `forced` is true when TSDL_BACKEND names it (webgpu then takes a software adapter). */
export type Probe = (load: Loader, forced: boolean) => Promise<ProbeResult>;

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
  /** tfjs backend name: 'tensorflow', 'webgpu', 'wasm' or 'cpu'. */
  name: string;
  /**
   * What computes, e.g. "GPU (TensorFlow, CUDA)", "CPU (WebAssembly SIMD)", or for webgpu the adapter:
   * "CPU (WebGPU, software adapter: google swiftshader (SwiftShader driver 5.0.0))".
   */
  device: string;
  /** Version of the package that provides the backend. */
  version: string;
  /**
   * tsdl's kernels over wasm: `active` when the native BLAS addon is in use; `detail` is one line for
   * the banner; `kernels` are tsdl's own, `bridged` run through `cpu` (on wasm and webgpu; empty elsewhere).
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
