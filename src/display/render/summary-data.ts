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

function isNested(layer: LayerLike): layer is ModelLike {
  return Array.isArray((layer as Partial<ModelLike>).layers);
}

/** A nested model's layers, indented under its row (Keras's `expand_nested`), depth first. */
function nestedRows(model: ModelLike, depth: number): SummaryRow[] {
  return model.layers.flatMap((layer) => {
    const row: SummaryRow = { layer: `${'  '.repeat(depth - 1)}└ ${layer.name} (${layer.getClassName()})`, outputShape: outputShapeOf(layer), params: paramsOf(layer) };
    return [row, ...(isNested(layer) ? nestedRows(layer, depth + 1) : [])];
  });
}

/** The summary's rows and totals; `expandNested` adds the layers of nested models under their rows, as Keras does. */
export function summaryData(model: ModelLike, options: { expandNested?: boolean } = {}): SummaryData {
  const functional = !isSequentialLike(model);
  const nodesOf = modelNodes(model);
  const rows = model.layers.flatMap((layer): SummaryRow[] => {
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
    return [row, ...(options.expandNested && isNested(layer) ? nestedRows(layer, 1) : [])];
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
