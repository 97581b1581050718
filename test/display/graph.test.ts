import { expect } from 'chai';
import { modelDot, modelGraphBundle } from '../../src/display/render/graph';
import { useCpu } from '../helpers/cpu';
import { asModel, mlp, twoBranch } from './models';
import { decodeBase64Png, pngInfo } from './png-reader';

/** Edges of a DOT graph as `from -> to` by layer name. */
function edges(dot: string): string[] {
  const names = new Map([...dot.matchAll(/^ {2}(n\d+) \[label=<.*?<b>(\w+) \(/gm)].map((m) => [m[1], m[2]]));
  return [...dot.matchAll(/^ {2}(n\d+) -> (n\d+);$/gm)].map((m) => `${names.get(m[1])} -> ${names.get(m[2])}`);
}

describe('display/render model graph', () => {
  useCpu();

  it('draws the branches and the merge of a functional model', () => {
    expect(edges(modelDot(asModel(twoBranch()))).sort()).to.deep.equal(
      [
        'features -> left', 'features -> right1', 'right1 -> right2',
        'left -> merge', 'right2 -> merge', 'merge -> norm', 'norm -> head',
      ].sort(),
    );
  });

  it('shows input and output shapes when asked', () => {
    const dot = modelDot(asModel(twoBranch()), { showShapes: true });
    const row = (name: string, value: string) => `<tr><td align="left">${name}:</td><td align="left">${value}</td></tr>`;
    expect(dot).to.include(
      `<b>merge (Concatenate)</b></td></tr>${row('input', '[(None, 4), (None, 3)]')}${row('output', '(None, 7)')}`,
    );
    expect(dot).to.include('<b>left (Dense)</b></td></tr><tr><td align="left">input:</td><td align="left">(None, 3)</td>');
    expect(modelDot(asModel(twoBranch()))).not.to.include('output:');
  });

  it('draws the hidden input layer of a Sequential model', () => {
    expect(edges(modelDot(asModel(mlp())))).to.deep.equal(['hidden_input -> hidden', 'hidden -> drop', 'drop -> out']);
  });

  it('renders PNG, SVG and a text outline', async () => {
    const bundle = await modelGraphBundle(asModel(twoBranch()), { showShapes: true });
    expect(Object.keys(bundle).sort()).to.deep.equal(['image/png', 'image/svg+xml', 'text/plain']);
    const png = pngInfo(decodeBase64Png(bundle['image/png']));
    expect(png.height).to.be.greaterThan(png.width); // five ranks, top to bottom
    expect(png.width).to.be.greaterThan(200);
    // The bare <svg> element: HTML embeds it inline, where Graphviz's XML declaration and DOCTYPE are invalid.
    expect(bundle['image/svg+xml']).to.match(/^<svg[\s\S]*merge \(Concatenate\)[\s\S]*<\/svg>\s*$/);
    expect(bundle['image/svg+xml']).not.to.match(/<\?xml|<!DOCTYPE/i);
    // Each layer with its inputs; tfjs orders layers of the same depth as it likes.
    expect((bundle['text/plain'] as string).split('\n').sort()).to.deep.equal(
      [
        'features (InputLayer)',
        'left (Dense) ← features',
        'right1 (Dense) ← features',
        'right2 (Dense) ← right1',
        'merge (Concatenate) ← left, right2',
        'norm (BatchNormalization) ← merge',
        'head (Dense) ← norm',
      ].sort(),
    );
  });
});
