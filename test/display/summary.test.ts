import { expect } from 'chai';
import { summaryBundle, summaryText } from '../../src/display/render/summary';
import { summaryData } from '../../src/display/render/summary-data';
import { useCpu } from '../helpers/cpu';
import { asModel, mlp, twoBranch } from './models';

describe('display/render summary', () => {
  useCpu();

  it('bundles text/plain and text/html, nothing else', () => {
    expect(Object.keys(summaryBundle(asModel(mlp()))).sort()).to.deep.equal(['text/html', 'text/plain']);
  });

  it('reads rows and totals from a Sequential model', () => {
    const data = summaryData(asModel(mlp()));
    expect(data.functional).to.equal(false);
    expect(data.rows).to.deep.equal([
      { layer: 'hidden (Dense)', outputShape: '(None, 32)', params: 25120 },
      { layer: 'drop (Dropout)', outputShape: '(None, 32)', params: 0 },
      { layer: 'out (Dense)', outputShape: '(None, 10)', params: 330 },
    ]);
    expect([data.totalParams, data.trainableParams, data.nonTrainableParams]).to.deep.equal([25450, 25450, 0]);
  });

  it("prints Keras 2's layout for a Sequential model", () => {
    const text = summaryBundle(asModel(mlp()))['text/plain'] as string;
    const lines = text.split('\n');
    expect(lines[0]).to.equal('Model: "mlp"');
    expect(lines[1]).to.equal('_'.repeat(65));
    expect(lines[2]).to.equal(' Layer (type)                Output Shape              Param #   ');
    expect(lines[3]).to.equal('='.repeat(65));
    expect(lines[4]).to.equal(' hidden (Dense)              (None, 32)                25120     ');
    expect(lines.slice(-4)).to.deep.equal([
      'Total params: 25,450 (99.41 KB)',
      'Trainable params: 25,450 (99.41 KB)',
      'Non-trainable params: 0 (0.00 Byte)',
      '_'.repeat(65),
    ]);
  });

  it('adds "Connected to" for a functional model with branches', () => {
    const data = summaryData(asModel(twoBranch()));
    expect(data.functional).to.equal(true);
    const merge = data.rows.find((r) => r.layer === 'merge (Concatenate)');
    expect(merge?.connectedTo).to.deep.equal(['left[0][0]', 'right2[0][0]']);
    expect(data.rows[0]).to.deep.include({ layer: 'features (InputLayer)', outputShape: '(None, 3)', connectedTo: [] });
    // BatchNormalization's moving statistics are the non-trainable part.
    expect([data.totalParams, data.trainableParams, data.nonTrainableParams]).to.deep.equal([98, 84, 14]);
    const text = summaryText(data);
    expect(text).to.match(/^ Layer \(type\) +Output Shape +Param # +Connected to +$/m);
    expect(text).to.match(/^ merge \(Concatenate\) +\(None, 7\) +0 +left\[0\]\[0\] +$\n^ +right2\[0\]\[0\] +$/m);
    for (const line of text.split('\n').slice(1, -4)) expect(line).to.have.length(98);
  });

  it('renders an HTML table with separators in the totals', () => {
    const html = summaryBundle(asModel(mlp()))['text/html'] as string;
    expect(html).to.include('<th style="text-align:left">Layer (type)</th>');
    expect(html).to.include('<th style="text-align:left">Output Shape</th>');
    expect(html).to.include('<th style="text-align:right">Param #</th>');
    expect(html).not.to.include('Connected to');
    expect(html).to.include('<td style="text-align:right">25,120</td>');
    expect(html).to.include('<b>Total params:</b> 25,450 (99.41 KB)');
    expect(html).to.include('<b>Non-trainable params:</b> 0 (0.00 Byte)');
    const functional = summaryBundle(asModel(twoBranch()))['text/html'] as string;
    expect(functional).to.include('<th style="text-align:left">Connected to</th>');
    expect(functional).to.include('left[0][0]<br>right2[0][0]');
  });

  it('escapes HTML in names', () => {
    const html = summaryBundle(asModel(twoBranch('<script>alert("x")</script>')))['text/html'] as string;
    expect(html).not.to.include('<script>');
    expect(html).to.include('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
  });

  it('honours lineLength and positions', () => {
    const text = summaryBundle(asModel(mlp()), { lineLength: 80, positions: [30, 60, 80] })['text/plain'] as string;
    expect(text.split('\n')[1]).to.have.length(80);
    expect(text).to.include(`\n${' hidden (Dense)'.padEnd(30)}${'(None, 32)'.padEnd(30)}${'25120'.padEnd(20)}\n`);
  });
});
