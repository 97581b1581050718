// model.summary() as data (reused by the kernel's HTML renderer) and as Keras's text layout
// (keras/src/utils/summary_utils.py, tf.keras 2 style).
import * as tf from '@tensorflow/tfjs';

export interface SummaryRow {
  name: string;
  type: string;
  /** Keras's Python-style shape text: `(None, 32)`, `[(None, 784)]` for inputs, `multiple` for shared layers. */
  outputShape: string;
  params: number;
  /** `input_1[0][0]`-style sources; empty for sequential-like models. */
  connectedTo: string[];
}

export interface SummaryData {
  name: string;
  type: string;
  /** Functional graphs that are not a simple chain get the "Connected to" column. */
  functional: boolean;
  rows: SummaryRow[];
  totalParams: number;
  trainableParams: number;
  nonTrainableParams: number;
}

type Shape = Array<number | null>;

export function formatShape(shape: Shape | Shape[]): string {
  if (shape.length > 0 && Array.isArray(shape[0])) return `[${(shape as Shape[]).map((s) => formatShape(s)).join(', ')}]`;
  const dims = (shape as Shape).map((d) => (d === null ? 'None' : String(d)));
  return dims.length === 1 ? `(${dims[0]},)` : `(${dims.join(', ')})`;
}

export function withThousands(n: number): string {
  return n.toLocaleString('en-US');
}

function outputShapeOf(layer: tf.layers.Layer): string {
  try {
    const shape = layer.outputShape as Shape | Shape[];
    return layer.getClassName() === 'InputLayer' ? `[${formatShape(shape)}]` : formatShape(shape);
  } catch {
    return 'multiple';
  }
}

function paramsOf(layer: tf.layers.Layer): number {
  return layer.weights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
}

function sizeOf(weights: tf.LayerVariable[]): number {
  const seen = new Set<string>();
  let n = 0;
  for (const w of weights) {
    if (seen.has(w.name)) continue;
    seen.add(w.name);
    n += w.shape.reduce((a: number, b) => a * (b ?? 1), 1);
  }
  return n;
}

interface GraphNode {
  inboundLayers: tf.layers.Layer[];
  nodeIndices: number[];
  tensorIndices: number[];
}

interface Graph {
  nodesByDepth: Record<string, GraphNode[]>;
  containerNodes: Set<string>;
}

/** The parts of a model summary() reads: tfjs models and ours alike. */
export type SummarizableModel = Pick<tf.LayersModel, 'name' | 'layers' | 'outputs' | 'trainableWeights' | 'nonTrainableWeights' | 'getClassName'>;

function isSequentialLike(model: SummarizableModel): boolean {
  if (model instanceof tf.Sequential) return true;
  const { nodesByDepth } = model as unknown as Graph;
  return Object.values(nodesByDepth).every((nodes) => nodes.length <= 1 && (nodes.length === 0 || nodes[0].inboundLayers.length <= 1));
}

function connections(model: SummarizableModel, layer: tf.layers.Layer): string[] {
  const { containerNodes } = model as unknown as Graph;
  const out: string[] = [];
  const nodes = (layer as unknown as { inboundNodes: GraphNode[] }).inboundNodes;
  nodes.forEach((node, i) => {
    if (containerNodes && !containerNodes.has(`${layer.name}_ib-${i}`)) return;
    node.inboundLayers.forEach((inbound, j) => out.push(`${inbound.name}[${node.nodeIndices[j]}][${node.tensorIndices[j]}]`));
  });
  return out;
}

/** The figures summary() shows. Throws Keras's error for a model that is not built yet. */
export function summaryData(model: SummarizableModel): SummaryData {
  if (model.layers.length === 0 || (model instanceof tf.Sequential && model.outputs.length === 0)) {
    throw new Error('This model has not yet been built. Build the model first by calling build() or by calling the model on a batch of data (fit, predict).');
  }
  const functional = !isSequentialLike(model);
  const rows = model.layers.map((layer) => ({
    name: layer.name,
    type: layer.getClassName(),
    outputShape: outputShapeOf(layer),
    params: paramsOf(layer),
    connectedTo: functional ? connections(model, layer) : [],
  }));
  const trainableParams = sizeOf(model.trainableWeights);
  const nonTrainableParams = sizeOf(model.nonTrainableWeights);
  return {
    name: model.name,
    type: model.getClassName() === 'Model' ? 'Functional' : model.getClassName(),
    functional,
    rows,
    totalParams: trainableParams + nonTrainableParams,
    trainableParams,
    nonTrainableParams,
  };
}

/** Keras's print_row: fields cut to their column (2 spaces between columns), breaking after '),' or "',". */
function row(fields: string[], positions: number[]): string[] {
  const left = fields.slice();
  const lines: string[] = [];
  do {
    let line = '';
    left.forEach((text, col) => {
      const start = col === 0 ? 0 : positions[col - 1];
      const space = col === positions.length - 1 ? 0 : 2;
      let cutoff = positions[col] - start - space;
      let fit = text.slice(0, cutoff);
      const breaks = ['),', '},', '],', "',"].map((b) => (fit.indexOf(b) >= 0 ? fit.indexOf(b) + b.length : Infinity));
      if (Math.min(...breaks) < Infinity) {
        cutoff = Math.min(...breaks);
        fit = fit.slice(0, cutoff);
      }
      line += (col === 0 ? ' ' : '') + fit + ' '.repeat(space);
      left[col] = text.slice(cutoff);
      line = line.padEnd(positions[col]);
    });
    lines.push(line);
  } while (left.some((t) => t.length > 0));
  return lines;
}

function connectedText(sources: string[]): string {
  return sources.length === 0 ? '[]' : `[${sources.map((s) => `'${s}'`).join(', ')}]`;
}

/** Keras's text layout; lineLength defaults to 65 (98 with "Connected to"). */
export function summaryText(data: SummaryData, lineLength?: number, positions?: number[]): string {
  const length = lineLength ?? (data.functional ? 98 : 65);
  const fractions = positions ?? (data.functional ? [0.33, 0.55, 0.67, 1] : [0.45, 0.85, 1]);
  const cols = fractions.map((p) => (p <= 1 ? Math.floor(length * p) : p));
  const headers = ['Layer (type)', 'Output Shape', 'Param #', 'Connected to'].slice(0, cols.length);
  const out: string[] = [`Model: "${data.name}"`, '_'.repeat(length)];
  out.push(...row(headers, cols), '='.repeat(length));
  data.rows.forEach((r, i) => {
    const fields = [`${r.name} (${r.type})`, r.outputShape, withThousands(r.params)];
    if (data.functional) fields.push(connectedText(r.connectedTo));
    out.push(...row(fields, cols));
    out.push(i === data.rows.length - 1 ? '='.repeat(length) : ' '.repeat(length));
  });
  out.push(
    `Total params: ${withThousands(data.totalParams)}`,
    `Trainable params: ${withThousands(data.trainableParams)}`,
    `Non-trainable params: ${withThousands(data.nonTrainableParams)}`,
    '_'.repeat(length),
  );
  return out.join('\n');
}
