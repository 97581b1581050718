// The tfjs Layers format (model.json + weights.bin) on the local file system, without tfjs-node. Each file is
// written to a temporary name and renamed into place, so a crash never leaves a half-written model behind.
import * as fs from 'fs/promises';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';

const WEIGHTS_FILE = 'weights.bin';

/** `dir` → dir/model.json; `x.json` → that file; a `file://` prefix is allowed. */
export function modelPaths(target: string): { json: string; weights: string; weightsName: string } {
  const p = target.replace(/^file:\/\//, '');
  if (p.endsWith('.json')) {
    const weightsName = path.basename(p, '.json') === 'model' ? WEIGHTS_FILE : `${path.basename(p, '.json')}.weights.bin`;
    return { json: p, weights: path.join(path.dirname(p), weightsName), weightsName };
  }
  return { json: path.join(p, 'model.json'), weights: path.join(p, WEIGHTS_FILE), weightsName: WEIGHTS_FILE };
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

/** A tfjs IOHandler that saves to and loads from `target`; `metadata` goes into model.json's userDefinedMetadata. */
export function fileHandler(target: string, metadata?: Record<string, {}>): tf.io.IOHandler {
  const { json, weights, weightsName } = modelPaths(target);
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error('save: binary model topologies are not supported.');
      await fs.mkdir(path.dirname(json), { recursive: true });
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
      await writeAtomic(weights, new Uint8Array(weightData));
      await writeAtomic(json, JSON.stringify(modelJSON));
      return {
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
          modelTopologyBytes: JSON.stringify(artifacts.modelTopology).length,
          weightSpecsBytes: JSON.stringify(artifacts.weightSpecs ?? []).length,
          weightDataBytes: weightData.byteLength,
        },
      };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
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
    },
  };
}
