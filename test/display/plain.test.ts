import { expect } from 'chai';
import { readFileSync } from 'fs';
import { join } from 'path';
import { encodePng } from '../../src/display/render/png';
import { htmlText, withPlainText } from '../../src/display/render/plain';

/** A 7×5 JPEG, as Chromium writes a screenshot (`chromium --headless --window-size=7,5 --screenshot=x.jpeg`). */
const JPEG = readFileSync(join(__dirname, 'fixtures', 'red-7x5.jpg'));

describe('display/render plain-text forms', () => {
  it('reads HTML as text: a line per block, cells apart, entities decoded, scripts and styles dropped', () => {
    const html = [
      '<style>td { color: red }</style><h3>Scores &amp; ranks</h3>',
      '<table><tr><th>name</th><th>score</th></tr><tr><td>Ada</td><td>0.9&#37;</td></tr></table>',
      '<p>a&lt;b &nbsp; <b>bold</b><br>next&#x21;</p><script>alert(1)</script><!-- note -->',
    ].join('\n');
    expect(htmlText(html)).to.equal('Scores & ranks\nname score\nAda 0.9%\na<b bold\nnext!');
    expect(htmlText('<img src="x.png">')).to.equal('');
  });

  it('gives display.html, markdown, latex, svg, png, jpeg and json a text/plain, as IPython does', () => {
    const plain = (bundle: Record<string, unknown>) => withPlainText(bundle)['text/plain'];
    expect(plain({ 'text/html': '<i>rich</i> text' })).to.equal('rich text');
    expect(plain({ 'text/html': '<img src="x.png">' })).to.equal('<HTML>');
    expect(plain({ 'text/markdown': '# Title\n*a*' })).to.equal('# Title\n*a*');
    expect(plain({ 'text/latex': '$x^2$' })).to.equal('$x^2$');
    expect(plain({ 'image/svg+xml': '<svg width="120pt" height="80pt"></svg>' })).to.equal('<SVG image 120pt×80pt>');
    expect(plain({ 'image/svg+xml': '<svg viewBox="0 0 30 40"/>' })).to.equal('<SVG image 30×40>');
    const png = encodePng(3, 2, 1, new Uint8Array(6));
    expect(plain({ 'image/png': png.toString('base64') })).to.equal('<PNG image 3×2>');
    expect(plain({ 'image/jpeg': JPEG.toString('base64') })).to.equal('<JPEG image 7×5>');
    expect(plain({ 'image/jpeg': 'bm90IGEganBlZw==' })).to.equal('<JPEG image>');
    expect(plain({ 'application/json': { a: [1, 2] } })).to.equal('{\n  "a": [\n    1,\n    2\n  ]\n}');
    expect(plain({ 'application/x-custom': 'x' })).to.equal('<application/x-custom output>');
  });

  it('keeps a text/plain that is there, and cuts a long one made from HTML', () => {
    expect(withPlainText({ 'text/html': '<b>x</b>', 'text/plain': 'mine' })).to.deep.equal({ 'text/html': '<b>x</b>', 'text/plain': 'mine' });
    const long = withPlainText({ 'text/html': `<p>${'word '.repeat(2000)}</p>` })['text/plain'] as string;
    expect(long).to.have.length(4001);
    expect(long.endsWith('…')).to.equal(true);
    // A huge table is read only as far as its first rows.
    const huge = withPlainText({ 'text/html': `<table>${'<tr><td>1.5</td><td>a &amp; b</td></tr>'.repeat(500_000)}</table>` })['text/plain'] as string;
    expect(huge.split('\n').slice(0, 2)).to.deep.equal(['1.5 a & b', '1.5 a & b']);
    expect(huge).to.have.length(4001);
  });
});
