// The tfjs Layers format (model.json + weights) on the local file system, without tfjs-node. A save is atomic for
// the whole model: the weights go to a file of their own (`weights-<id>.bin`), then model.json, which names them,
// is renamed into place. A crash at any point leaves model.json naming a complete set of weights, old or new.
// Saves and loads of one path run one after another, in the order they were asked for (see inTurn): a load never
// reads a model.json whose weights a save still in flight (one a cell left behind, say, when it was interrupted) is
// about to remove as stale.
import * as fs from 'fs/promises';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { makeDirectory } from '../../shared/make-directory';

/** `dir` → dir/model.json; `x.json` → that file; a `file://` prefix is allowed. Weights are `<prefix><id>.bin`. */
export function modelPaths(target: string): { json: string; dir: string; weightsPrefix: string } {
  const p = target.replace(/^file:\/\//, '');
  const json = p.endsWith('.json') ? p : path.join(p, 'model.json');
  const base = path.basename(json, '.json');
  return { json, dir: path.dirname(json), weightsPrefix: base === 'model' ? 'weights-' : `${base}.weights-` };
}

/** Removes this model's weight files that model.json no longer names, and temp files of interrupted saves. */
async function removeStale(dir: string, weightsPrefix: string, jsonName: string, current: string): Promise<void> {
  for (const name of await fs.readdir(dir)) {
    const oldWeights = name.startsWith(weightsPrefix) && name.endsWith('.bin') && name !== current;
    const strayTemp = name.startsWith(`${jsonName}.tmp-`) || (name.startsWith(weightsPrefix) && name.includes('.tmp-'));
    if (oldWeights || strayTemp) await fs.rm(path.join(dir, name), { force: true });
  }
}

async function writeAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
}

/** The save or load running or last queued for each model.json, by absolute path. */
const saves = new Map<string, Promise<void>>();

/**
 * Runs `work` (a save or a load) once every earlier one on the same model.json has finished. Two saves at once (one
 * not awaited in onEpochEnd, or Promise.all) would each remove the other's weights as stale, leaving model.json naming
 * a deleted file; a load during a save could read a model.json whose weights the save then removes.
 */
function inTurn<T>(json: string, work: () => Promise<T>): Promise<T> {
  const key = path.resolve(json);
  const result = (saves.get(key) ?? Promise.resolve()).then(work);
  const settled = result.then(() => undefined, () => undefined);
  saves.set(key, settled);
  void settled.then(() => {
    if (saves.get(key) === settled) saves.delete(key);
  });
  return result;
}

/** What went wrong, in Node's words and with the path it happened at (read-only file system, permission denied). */
function saveError(target: string, error: unknown): Error {
  return new Error(`model.save: cannot save to ${target}: ${(error as Error).message}`, { cause: error });
}

/** A tfjs IOHandler that saves to and loads from `target`; `metadata` goes into model.json's userDefinedMetadata. */
export function fileHandler(target: string, metadata?: Record<string, {}>): tf.io.IOHandler {
  const { json, dir, weightsPrefix } = modelPaths(target);
  async function write(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
    makeDirectory(dir);
    const weightsName = `${weightsPrefix}${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.bin`;
    const weightData = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
    const modelJSON: tf.io.ModelJSON = {
      modelTopology: artifacts.modelTopology ?? {},
      format: artifacts.format ?? 'layers-model',
      generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
      convertedBy: artifacts.convertedBy ?? null,
      weightsManifest: [{ paths: [weightsName], weights: artifacts.weightSpecs ?? [] }],
    };
    const userMeta = { ...(artifacts.userDefinedMetadata ?? {}), ...(metadata ?? {}) };
    if (Object.keys(userMeta).length > 0) modelJSON.userDefinedMetadata = userMeta as Record<string, {}>;
    // Weights first: a model.json in place always has its weights next to it.
    await writeAtomic(path.join(dir, weightsName), new Uint8Array(weightData));
    await writeAtomic(json, JSON.stringify(modelJSON));
    await removeStale(dir, weightsPrefix, path.basename(json), weightsName);
    return {
      modelArtifactsInfo: {
        dateSaved: new Date(),
        modelTopologyType: 'JSON',
        modelTopologyBytes: JSON.stringify(artifacts.modelTopology).length,
        weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
        weightDataBytes: weightData.byteLength,
      },
    };
  }

  async function load(): Promise<tf.io.ModelArtifacts> {
    let modelJSON: tf.io.ModelJSON;
    try {
      modelJSON = JSON.parse(await fs.readFile(json, 'utf8')) as tf.io.ModelJSON;
    } catch (e) {
      throw new Error(`loadModel: cannot read ${json}: ${(e as Error).message}`);
    }
    return tf.io.getModelArtifactsForJSON(modelJSON, async (manifest) => {
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: ArrayBuffer[] = [];
      for (const group of manifest) {
        specs.push(...group.weights);
        for (const p of group.paths) {
          const buf = await fs.readFile(path.join(path.dirname(json), p));
          buffers.push(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer);
        }
      }
      return [specs, tf.io.CompositeArrayBuffer.join(buffers)];
    });
  }

  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error('save: binary model topologies are not supported.');
      return inTurn(json, async () => {
        try {
          return await write(artifacts);
        } catch (error) {
          throw saveError(target, error);
        }
      });
    },
    load(): Promise<tf.io.ModelArtifacts> {
      return inTurn(json, load);
    },
  };
}
