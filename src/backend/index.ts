/**
 * Backend selection: tfjs-node-gpu (with a GPU) → tfjs-node → webgpu (with a hardware adapter) → wasm (+ tsdl's
 * kernels) → cpu. `TSDL_BACKEND` (or `forced`) picks one; a forced backend that cannot start is an error.
 */
import * as tf from '@tensorflow/tfjs';
import { parseForced, PROBES } from './candidates';
import { loaderFrom } from './resolve';
import { CANDIDATE_IDS, type BackendInfo, type CandidateId, type CandidateReport, type Chosen, type InitOptions, type TfModule } from './types';

export type { BackendInfo, CandidateId, CandidateReport, InitOptions, TfModule } from './types';

let current: { info: BackendInfo; tf: TfModule } | null = null;

/**
 * Chooses and starts the backend (call once at start-up; calling again re-selects). Missing native
 * packages are ruled out by a cheap resolve before anything loads.
 */
export async function initBackend(opts: InitOptions = {}): Promise<BackendInfo> {
  const t0 = performance.now();
  const forcedRaw = opts.forced ?? process.env.TSDL_BACKEND;
  const forced = forcedRaw ? parseForced(forcedRaw) : undefined;
  const load = loaderFrom(opts.resolveFrom);
  const candidates: CandidateReport[] = [];
  let chosen: { id: CandidateId; c: Chosen } | null = null;

  for (const id of CANDIDATE_IDS) {
    if (chosen || (forced && forced !== id)) {
      const reason = chosen ? `not tried: ${chosen.id} was chosen first` : `not tried: TSDL_BACKEND=${forcedRaw}`;
      candidates.push({ id, chosen: false, reason, ms: 0 });
      continue;
    }
    const s = performance.now();
    const r = await PROBES[id](load, forced === id);
    const ms = performance.now() - s;
    if (r.ok) chosen = { id, c: r.chosen };
    const why = r.ok ? (forced ? `TSDL_BACKEND=${forcedRaw}; ${r.chosen.reason}` : r.chosen.reason) : r.reason;
    candidates.push({ id, chosen: r.ok, reason: why, ms });
    if (!r.ok && forced) throw new Error(`TSDL_BACKEND=${forcedRaw}: ${r.reason}`);
  }
  if (!chosen) throw new Error(`no tfjs backend could start: ${candidates.map((c) => `${c.id}: ${c.reason}`).join('; ')}`);

  const { id, c } = chosen;
  const info: BackendInfo = {
    id,
    name: c.name,
    device: c.device,
    version: c.version,
    fastPath: c.fastPath
      ? { active: c.fastPath.active, detail: c.fastPath.detail, kernels: c.fastPath.replaced, bridged: c.fastPath.bridged }
      : { active: false, detail: id === 'cpu' ? 'none' : 'native TensorFlow kernels', kernels: [], bridged: [] },
    ...(forced ? { forced } : {}),
    candidates,
    initMs: performance.now() - t0,
  };
  current = { info, tf: c.tf };
  return info;
}

/** The report of the last `initBackend()`; throws if it has not run. */
export function backendInfo(): BackendInfo {
  if (!current) throw new Error('backendInfo(): call initBackend() first');
  return current.info;
}

/** The tfjs module user code must see as `tf`: the native package's copy when one was chosen. */
export function activeTf(): TfModule {
  return current ? current.tf : tf;
}
