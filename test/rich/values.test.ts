// Rich outputs of values through the kernel: tensors as NumPy-like text and an HTML table, images and image grids
// as PNG, model graphs (utils.plotModel), charts of the user's own data (display.plot), and the text/plain that
// display.html and friends carry for consoles.
import { expect } from 'chai';
import { encodePng } from '../../src/display/render/png';
import { decodeBase64Png, pngInfo, pngPixels } from '../display/png-reader';
import { RichKernel, VEGALITE, text } from './helpers';

describe('rich outputs: values', function () {
  let kernel: RichKernel;

  before(async () => {
    kernel = await RichKernel.start();
  });
  after(async () => {
    await kernel.shutdown();
  });

  it('shows a 2-D tensor as NumPy-like text and an HTML table', async () => {
    const { outputs } = await kernel.run('tf.tensor([[1.5, 2], [3, -4]])');
    expect(outputs.map((o) => o.type)).to.deep.equal(['execute_result']);
    expect(outputs[0].data).to.deep.equal({
      'text/plain': 'Tensor(shape=[2, 2], dtype=float32)\n[[ 1.5,  2. ],\n [ 3. , -4. ]]',
      'text/html': [
        '<table class="tsdl-tensor">',
        '<caption>Tensor(shape=[2, 2], dtype=float32)</caption>',
        '<tbody>',
        '<tr><td style="text-align:right;font-family:monospace">1.5</td><td style="text-align:right;font-family:monospace">2.</td></tr>',
        '<tr><td style="text-align:right;font-family:monospace">3.</td><td style="text-align:right;font-family:monospace">-4.</td></tr>',
        '</tbody>',
        '</table>',
      ].join('\n'),
    });
  });

  it('elides big tensors and gives 3-D tensors text only', async () => {
    const big = await kernel.run("tf.range(0, 3000, 1, 'int32').reshape([3, 1000])");
    expect(text(big.outputs[0])).to.equal(
      'Tensor(shape=[3, 1000], dtype=int32)\n[[   0,    1,    2, ...,  997,  998,  999],\n [1000, 1001, 1002, ..., 1997, 1998, 1999],\n [2000, 2001, 2002, ..., 2997, 2998, 2999]]',
    );
    expect(text(big.outputs[0], 'text/html').match(/<tr>/g)).to.have.length(3);
    expect(text(big.outputs[0], 'text/html')).to.include('>⋯</td>');
    const cube = await kernel.run("tf.ones([2, 2, 2], 'int32')");
    expect(cube.outputs[0].data).to.deep.equal({ 'text/plain': 'Tensor(shape=[2, 2, 2], dtype=int32)\n[[[1, 1],\n  [1, 1]],\n\n [[1, 1],\n  [1, 1]]]' });
  });

  it('shows an image tensor as a PNG, floats in [0, 1] and integers in [0, 255], with no Out[N]', async () => {
    const gray = await kernel.run('display.image(tf.linspace(0, 1, 28 * 28).reshape([28, 28]))');
    expect(gray.outputs.map((o) => o.type)).to.deep.equal(['display_data']);
    expect(gray.outputs[0].data['text/plain']).to.equal('<image 28×28×1, shown ×3>');
    const png = decodeBase64Png(gray.outputs[0].data['image/png']);
    expect(pngInfo(png)).to.include({ width: 84, height: 84, colorType: 0 });
    const pixels = pngPixels(png, 1);
    expect([pixels[0], pixels[pixels.length - 1]]).to.deep.equal([0, 255]);

    const rgb = await kernel.run("display.image(tf.tensor([[[255, 0, 0], [0, 128, 255]]], [1, 2, 3], 'int32'), { scale: 1 })");
    const rgbPng = decodeBase64Png(rgb.outputs[0].data['image/png']);
    expect(pngInfo(rgbPng)).to.include({ width: 2, height: 1, colorType: 2 });
    expect([...pngPixels(rgbPng, 3)]).to.deep.equal([255, 0, 0, 0, 128, 255]);

    const wrong = await kernel.client.execute('display.image(tf.ones([2, 2, 2]))');
    expect(wrong.reply.content.evalue).to.equal('image: expected a shape like [H, W], [H, W, 1], [H, W, 3] or [H, W, 4], got [2, 2, 2]');
  });

  it('shows a batch of images as one grid, cols a row', async () => {
    const { outputs } = await kernel.run('display.images(tf.ones([5, 28, 28, 1]), { cols: 3 })');
    expect(outputs.map((o) => o.type)).to.deep.equal(['display_data']);
    expect(outputs[0].data['text/plain']).to.equal('<5 images 28×28×1 in a 2×3 grid, shown ×3>');
    // 3 columns of 84 pixels and 2 rows, 2-pixel gaps between them.
    expect(pngInfo(decodeBase64Png(outputs[0].data['image/png']))).to.include({ width: 3 * 84 + 2 * 2, height: 2 * 84 + 2 });
  });

  it('draws the layer graph of a two-branch functional model with utils.plotModel', async () => {
    const { outputs } = await kernel.run(`
      const features = layers.Input({ shape: [8], name: 'features' });
      const left = layers.Dense(4, { name: 'left' })(features);
      const right = layers.Dense(3, { name: 'right' })(layers.Dense(5, { name: 'pre' })(features));
      const net = models.Model({ inputs: features, outputs: layers.Concatenate({ name: 'merge' })([left, right]), name: 'two_branch' });
      utils.plotModel(net, { show_shapes: true })
    `);
    expect(outputs.map((o) => o.type)).to.deep.equal(['execute_result']);
    expect(Object.keys(outputs[0].data).sort()).to.deep.equal(['image/png', 'image/svg+xml', 'text/plain']);
    expect(text(outputs[0])).to.equal([
      'features (InputLayer)',
      'pre (Dense) ← features',
      'left (Dense) ← features',
      'right (Dense) ← pre',
      'merge (Concatenate) ← left, right',
    ].join('\n'));
    const svg = text(outputs[0], 'image/svg+xml');
    expect(svg.match(/class="edge"/g)).to.have.length(5);
    expect(svg).to.include('merge (Concatenate)').and.to.include('[(None, 4), (None, 3)]');
    const png = pngInfo(decodeBase64Png(outputs[0].data['image/png']));
    expect(png.height).to.be.greaterThan(png.width); // top to bottom, as Keras draws it

    const viaDisplay = await kernel.run('display(utils.plotModel(net))');
    expect(viaDisplay.outputs.map((o) => o.type)).to.deep.equal(['display_data']);
    expect(text(viaDisplay.outputs[0], 'image/svg+xml')).not.to.include('output:');
    const wrong = await kernel.client.execute('utils.plotModel(net, { showShape: true })');
    expect(wrong.reply.content.evalue).to.equal("utils.plotModel: unknown option 'showShape'. Did you mean 'showShapes'?");
  });

  it("charts the user's own data with display.plot: lines or points, one colour per series", async () => {
    const line = await kernel.run("display.plot({ x: [1, 2, 3], y: [1, 4, 9] }, { title: 'squares', xLabel: 'n', yLabel: 'n²' })");
    expect(line.outputs.map((o) => o.type)).to.deep.equal(['display_data']);
    expect(Object.keys(line.outputs[0].data).sort()).to.deep.equal([VEGALITE, 'image/png', 'text/plain']);
    const spec = line.outputs[0].data[VEGALITE] as Record<string, unknown> & { data: unknown; encoding: Record<string, { title: string }> };
    expect(spec).to.deep.include({ title: 'squares', mark: { type: 'line' }, data: { values: [{ series: 'y', x: 1, y: 1 }, { series: 'y', x: 2, y: 4 }, { series: 'y', x: 3, y: 9 }] } });
    expect([spec.encoding.x.title, spec.encoding.y.title]).to.deep.equal(['n', 'n²']);
    expect(spec.encoding).not.to.have.property('color');
    expect(text(line.outputs[0]).split('\n').map((l) => l.trim().split(/\s+/))).to.deep.include.members([['x', 'y'], ['3', '9']]);
    expect(pngInfo(decodeBase64Png(line.outputs[0].data['image/png'])).width).to.be.greaterThan(400);

    const scatter = await kernel.run(
      "display.plot({ series: [{ name: 'a', x: [0, 1], y: [0, 1] }, { name: 'b', x: [0, 1], y: [1, 0] }] }, { mark: 'point' })",
    );
    const scatterSpec = scatter.outputs[0].data[VEGALITE] as { mark: unknown; encoding: { color: unknown } };
    expect(scatterSpec.mark).to.deep.equal({ type: 'point', filled: true });
    expect(scatterSpec.encoding.color).to.deep.equal({ field: 'series', type: 'nominal', title: null, sort: ['a', 'b'] });

    const tensors = await kernel.run('display.plot({ x: tf.range(1, 4), y: tf.tensor1d([1, 4, 9]) })');
    expect((tensors.outputs[0].data[VEGALITE] as { data: unknown }).data).to.deep.equal(spec.data);

    const wrong = await kernel.client.execute('display.plot({ x: [1, 2, 3], y: [1, 4] })');
    expect(wrong.reply.content.evalue).to.equal('plot: series "y" has 3 x values but 2 y values; give as many of each');
  });

  it('gives display.html, svg and friends a text/plain for consoles, and SVG without its XML prolog', async () => {
    const html = await kernel.run('display.html("<h3>Scores</h3><p>Ada &amp; <b>Grace</b></p>")');
    expect(html.outputs[0].data).to.deep.equal({ 'text/html': '<h3>Scores</h3><p>Ada &amp; <b>Grace</b></p>', 'text/plain': 'Scores\nAda & Grace' });
    const markdown = await kernel.run('display.markdown("**bold** move")');
    expect(markdown.outputs[0].data['text/plain']).to.equal('**bold** move');
    const svg = await kernel.run(
      `display.svg('<?xml version="1.0" encoding="UTF-8"?>\\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd">\\n<svg width="8pt" height="6pt"><g/></svg>')`,
    );
    expect(svg.outputs[0].data).to.deep.equal({ 'image/svg+xml': '<svg width="8pt" height="6pt"><g/></svg>', 'text/plain': '<SVG image 8pt×6pt>' });
    const png = await kernel.run(`display.png(Buffer.from('${encodePng(3, 2, 1, new Uint8Array(6)).toString('base64')}', 'base64'))`);
    expect(png.outputs[0].data['text/plain']).to.equal('<PNG image 3×2>');
  });

  it('falls back to text, and says why on stderr, when a rich renderer fails', async () => {
    for (const body of ['() => { throw new Error("no luck"); }', 'async () => { throw new Error("no luck"); }']) {
      const { outcome, outputs } = await kernel.run(`({ name: 'odd', [Symbol.for('Jupyter.display')]: ${body} })`);
      expect(outputs.map((o) => o.type)).to.deep.equal(['stream', 'execute_result']);
      expect(outcome.outputs[0].content).to.deep.equal({ name: 'stderr', text: 'display failed: no luck; showing the value as text\n' });
      expect(text(outputs[1])).to.match(/^\{ name: 'odd', \[Symbol\(Jupyter\.display\)\]: \[(Async)?Function/);
    }
  });

  it('sends nothing for any cell after its idle', async () => {
    await kernel.expectNothingAfterIdle();
  });
});
