// The backend candidates, each a probe that loads its package and checks that it really computes: tfjs-node-gpu,
// tfjs-node, webgpu (Dawn), wasm (with tsdl's kernels) and cpu.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { missingLibrariesNote } from './gpu-libraries';
import { firstLine, loadFailure } from './resolve';
import type { CandidateId, Probe, ProbeResult, TfModule } from './types';
import { installWasmKernels } from './wasm/install';
import { webgpuProbe } from './webgpu/probe';

const fail = (reason: string): ProbeResult => ({ ok: false, reason });

/** The parts of tfjs-node's backend this module reads. */
interface NodeBackend {
  isUsingGpuDevice?: boolean;
}

/** tfjs-node(-gpu) re-export tfjs with a 'tensorflow' backend registered on load. */
function nativeProbe(pkg: string, needGpu: boolean): Probe {
  return async (load) => {
    let mod: TfModule;
    try {
      mod = load(pkg) as TfModule;
    } catch (err) {
      return fail(loadFailure(err, pkg));
    }
    try {
      if (!(await mod.setBackend('tensorflow'))) return fail(`${pkg} loaded but its 'tensorflow' backend did not start`);
    } catch (err) {
      return fail(`${pkg} loaded but its 'tensorflow' backend did not start: ${firstLine(err)}`);
    }
    const gpu = (mod.backend() as unknown as NodeBackend).isUsingGpuDevice === true;
    if (needGpu && !gpu) return fail(`${pkg} loaded but TensorFlow sees no GPU${missingLibrariesNote()}`);
    const versions = mod.version as Record<string, string>;
    return {
      ok: true,
      chosen: {
        tf: mod,
        name: 'tensorflow',
        device: gpu ? 'GPU (TensorFlow, CUDA)' : 'CPU (TensorFlow native)',
        version: versions['tfjs-node'] ?? versions['tfjs-core'],
        reason: gpu ? `${pkg} loaded and TensorFlow uses a GPU` : `${pkg} loaded (native TensorFlow on CPU)`,
        fastPath: null,
      },
    };
  };
}

const wasmProbe: Probe = async () => {
  try {
    if (!(await tf.setBackend('wasm'))) return fail('the wasm backend did not start');
  } catch (err) {
    return fail(`the wasm backend did not start: ${firstLine(err)}`);
  }
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const fastPath = installWasmKernels(tf);
  return {
    ok: true,
    chosen: {
      tf,
      name: 'wasm',
      device: `CPU (WebAssembly${simd ? ' SIMD' : ', no SIMD'})`,
      version: tf.version.tfjs,
      reason: 'the fastest backend that needs no native TensorFlow',
      fastPath,
    },
  };
};

const cpuProbe: Probe = async () => {
  if (!(await tf.setBackend('cpu'))) return fail('the cpu backend did not start');
  return {
    ok: true,
    chosen: { tf, name: 'cpu', device: 'CPU (plain JavaScript)', version: tf.version.tfjs, reason: 'plain JavaScript, always available', fastPath: null },
  };
};

export const PROBES: Record<CandidateId, Probe> = {
  'tfjs-node-gpu': nativeProbe('@tensorflow/tfjs-node-gpu', true),
  'tfjs-node': nativeProbe('@tensorflow/tfjs-node', false),
  webgpu: webgpuProbe,
  wasm: wasmProbe,
  cpu: cpuProbe,
};

const ALIASES: Record<string, CandidateId> = {
  gpu: 'tfjs-node-gpu',
  'node-gpu': 'tfjs-node-gpu',
  'tensorflow-gpu': 'tfjs-node-gpu',
  node: 'tfjs-node',
  tensorflow: 'tfjs-node',
};

/** Maps a user's TSDL_BACKEND value to a candidate, or throws naming the valid values. */
export function parseForced(value: string): CandidateId {
  const v = value.trim().toLowerCase().replace(/^@tensorflow\//, '');
  if (v in PROBES) return v as CandidateId;
  if (v in ALIASES) return ALIASES[v];
  throw new Error(`TSDL_BACKEND='${value}' is not a backend; use one of ${Object.keys(PROBES).join(', ')}`);
}
