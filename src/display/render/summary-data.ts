// The rows and totals of `model.summary()`, read from a tfjs LayersModel; the text and HTML renderers share them.
import { isSequentialLike, modelNodes, outputShapeOf, type LayerLike, type ModelLike, type WeightLike } from './layers';

export interface SummaryRow {
  /** `name (ClassName)`. */
  layer: string;
  outputShape: string;
  params: number;
  /** Inbound tensors as `layer[node][tensor]`, for functional models only. */
  connectedTo?: string[];
}

export interface SummaryData {
  name: string;
  /** True for functional models whose graph branches or merges: they get a "Connected to" column. */
  functional: boolean;
  rows: SummaryRow[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
  /** Bytes taken by the weights, by their dtypes. */
  trainableBytes: number;
  nonTrainableBytes: number;
}

const BYTES_PER_ELEMENT: Record<string, number> = { float32: 4, int32: 4, bool: 1, complex64: 8 };

function count(weights: WeightLike[]): { params: number; bytes: number } {
  let params = 0;
  let bytes = 0;
  for (const w of weights) {
    const n = w.shape.reduce<number>((a, b) => a * (b ?? 0), 1);
    params += n;
    bytes += n * (BYTES_PER_ELEMENT[w.dtype] ?? 4);
  }
  return { params, bytes };
}

function paramsOf(layer: LayerLike): number {
  try {
    return layer.countParams();
  } catch {
    return 0; // an unbuilt layer has no weights yet
  }
}

export function summaryData(model: ModelLike): SummaryData {
  const functional = !isSequentialLike(model);
  const nodesOf = modelNodes(model);
  const rows = model.layers.map((layer): SummaryRow => {
    const row: SummaryRow = {
      layer: `${layer.name} (${layer.getClassName()})`,
      outputShape: outputShapeOf(layer),
      params: paramsOf(layer),
    };
    if (functional) {
      row.connectedTo = nodesOf(layer).flatMap((node) =>
        node.inboundLayers.map((inbound, i) => `${inbound.name}[${node.nodeIndices[i]}][${node.tensorIndices[i]}]`),
      );
    }
    return row;
  });
  const trainable = count(model.trainableWeights);
  const nonTrainable = count(model.nonTrainableWeights);
  return {
    name: model.name,
    functional,
    rows,
    totalParams: trainable.params + nonTrainable.params,
    trainableParams: trainable.params,
    nonTrainableParams: nonTrainable.params,
    trainableBytes: trainable.bytes,
    nonTrainableBytes: nonTrainable.bytes,
  };
}
