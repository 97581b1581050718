// Duck-typed views of tfjs-layers models, shared by the summary and the graph renderers: no instanceof, so models
// built by any copy of tfjs (the user's or the kernel's) display.

export type Shape = (number | null)[];

export interface LayerLike {
  name: string;
  getClassName(): string;
  readonly outputShape: Shape | Shape[];
  inboundNodes: NodeLike[];
  countParams(): number;
  readonly trainableWeights: WeightLike[];
  readonly nonTrainableWeights: WeightLike[];
}

export interface NodeLike {
  inboundLayers: LayerLike[];
  nodeIndices: number[];
  tensorIndices: number[];
  readonly inputShapes?: Shape | Shape[];
}

export interface WeightLike {
  /** tfjs types variables' shapes as layer shapes, which allow null; a weight's dimensions are all known. */
  readonly shape: readonly (number | null)[];
  dtype: string;
}

export interface ModelLike extends LayerLike {
  layers: LayerLike[];
  nodesByDepth?: Record<string, NodeLike[]>;
}

/** Objects, and functions too: tsdl's Keras wraps each model in a callable function whose prototype is the model. */
export function isLayersModel(value: unknown): value is ModelLike {
  const v = value as Partial<ModelLike> | null;
  return (
    (typeof v === 'object' || typeof v === 'function') && v !== null && Array.isArray(v.layers) &&
    typeof v.getClassName === 'function' &&
    typeof v.countParams === 'function'
  );
}

/** `(None, 28, 28)`, or a list of those for layers with several outputs, as Keras writes shapes. */
export function formatShape(shape: Shape | Shape[]): string {
  const dims = (s: Shape) => s.map((d) => (d === null ? 'None' : String(d))).join(', ');
  const one = (s: Shape) => `(${dims(s)}${s.length === 1 ? ',' : ''})`; // Python's one-tuple: (None,)
  if (shape.length > 0 && Array.isArray(shape[0])) return `[${(shape as Shape[]).map(one).join(', ')}]`;
  return one(shape as Shape);
}

/** The layer's output shape, or "?" when the layer is not built (tfjs throws then). */
export function outputShapeOf(layer: LayerLike): string {
  try {
    return formatShape(layer.outputShape);
  } catch {
    return '?';
  }
}

/**
 * The inbound nodes of `layer` that belong to `model`'s graph. A layer shared between models has nodes in each;
 * Sequential models keep no `nodesByDepth` of their own, and their layers each have one node.
 */
export function modelNodes(model: ModelLike): (layer: LayerLike) => NodeLike[] {
  const depths = Object.values(model.nodesByDepth ?? {});
  if (depths.length === 0) return (layer) => layer.inboundNodes.slice(0, 1);
  const inModel = new Set(depths.flat());
  return (layer) => layer.inboundNodes.filter((node) => inModel.has(node));
}

/** Keras's test: a model is "sequential-like" when each depth of its graph has one node with one input. */
export function isSequentialLike(model: ModelLike): boolean {
  if (model.getClassName() === 'Sequential') return true;
  const depths = Object.values(model.nodesByDepth ?? {});
  const branches = (nodes: NodeLike[]) => nodes.length > 1 || (nodes.length === 1 && nodes[0].inboundLayers.length > 1);
  if (depths.some(branches)) return false;
  const nodesOf = modelNodes(model);
  return model.layers.every((layer) => nodesOf(layer).length <= 1);
}
