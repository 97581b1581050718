// The layer graph of a model as an image, like Keras's `plot_model`: Graphviz (compiled to wasm) lays it out.
import type * as VizModule from '@viz-js/viz';
import { escapeHtml } from './html';
import { formatShape, modelNodes, outputShapeOf } from './layers';
import type { LayerLike, ModelLike, NodeLike, Shape } from './layers';
import type { MimeBundle } from '../../protocol/messages';
import { inlineSvg, svgToPng } from './svg';

export interface GraphOptions {
  /** Show each layer's input and output shapes, as `plot_model(show_shapes=True)`. */
  showShapes?: boolean;
}

interface GraphNode {
  id: string;
  layer: LayerLike;
  inputs: LayerLike[];
  inputShape: string;
}

type Viz = Awaited<ReturnType<typeof VizModule.instance>>;
let viz: Promise<Viz> | null = null;

/** The Graphviz instance, compiled once (the wasm start costs more than a layout). */
function graphviz(): Promise<Viz> {
  viz ??= (require('@viz-js/viz') as typeof VizModule).instance();
  return viz;
}

function inputShapeOf(node: NodeLike | undefined): string {
  try {
    const shapes = node?.inputShapes;
    if (shapes === undefined) return '?';
    // tfjs lists a node's input shapes even when there is one input; Keras draws a lone one unwrapped.
    const lone = shapes.length === 1 && Array.isArray(shapes[0]);
    return formatShape(lone ? (shapes[0] as Shape) : shapes);
  } catch {
    return '?';
  }
}

/**
 * Every layer of the graph with the layers feeding it. Sequential models hide their InputLayer from `layers`;
 * it is reached through the first layer's inbound node, so it is drawn too, as Keras draws it.
 */
function graphNodes(model: ModelLike): GraphNode[] {
  const nodesOf = modelNodes(model);
  const seen = new Map<LayerLike, GraphNode>();
  const visit = (layer: LayerLike): void => {
    if (seen.has(layer)) return;
    const nodes = nodesOf(layer);
    const inputs = nodes.flatMap((n) => n.inboundLayers);
    inputs.forEach(visit); // inputs first, so ids follow the data flow
    const isInput = layer.getClassName() === 'InputLayer';
    const inputShape = isInput ? outputShapeOf(layer) : inputShapeOf(nodes[0]);
    seen.set(layer, { id: `n${seen.size}`, layer, inputs, inputShape });
  };
  model.layers.forEach(visit);
  return [...seen.values()];
}

function label(node: GraphNode, showShapes: boolean): string {
  const title = escapeHtml(`${node.layer.name} (${node.layer.getClassName()})`);
  const rows = [`<tr><td colspan="2" bgcolor="#dde6f3"><b>${title}</b></td></tr>`];
  if (showShapes) {
    rows.push(`<tr><td align="left">input:</td><td align="left">${escapeHtml(node.inputShape)}</td></tr>`);
    rows.push(`<tr><td align="left">output:</td><td align="left">${escapeHtml(outputShapeOf(node.layer))}</td></tr>`);
  }
  return `<<table border="0" cellborder="1" cellspacing="0" cellpadding="4">${rows.join('')}</table>>`;
}

export function modelDot(model: ModelLike, options: GraphOptions = {}): string {
  const nodes = graphNodes(model);
  const ids = new Map(nodes.map((n) => [n.layer, n.id]));
  const lines = [
    'digraph model {',
    '  graph [rankdir=TB, bgcolor=white, nodesep=0.3, ranksep=0.35];',
    '  node [shape=plaintext, fontname="DejaVu Sans", fontsize=11];',
    '  edge [arrowsize=0.7];',
    ...nodes.map((n) => `  ${n.id} [label=${label(n, options.showShapes ?? false)}];`),
    ...nodes.flatMap((n) => n.inputs.map((input) => `  ${ids.get(input)} -> ${n.id};`)),
    '}',
  ];
  return lines.join('\n');
}

/** The graph as text: each layer with the layers it reads from. */
export function modelGraphText(model: ModelLike): string {
  return graphNodes(model)
    .map((n) => {
      const from = n.inputs.length === 0 ? '' : ` ← ${n.inputs.map((l) => l.name).join(', ')}`;
      return `${n.layer.name} (${n.layer.getClassName()})${from}`;
    })
    .join('\n');
}

/** Lays out a DOT graph and draws it: PNG for every frontend, SVG, and the outline as text. */
export async function graphBundle(dot: string, text: string): Promise<MimeBundle> {
  const svg = inlineSvg((await graphviz()).renderString(dot, { format: 'svg' }));
  return { 'image/png': svgToPng(svg).toString('base64'), 'image/svg+xml': svg, 'text/plain': text };
}

/** `plotModel(model, { showShapes })`: the graph is read now, laid out and drawn asynchronously. */
export function modelGraphBundle(model: ModelLike, options: GraphOptions = {}): Promise<MimeBundle> {
  return graphBundle(modelDot(model, options), modelGraphText(model));
}
