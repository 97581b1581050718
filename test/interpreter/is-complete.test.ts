import { expect } from 'chai';
import { isComplete } from '../../src/interpreter/introspection/is-complete';

describe('interpreter/is-complete', () => {
  it('says complete for code that parses, empty code included', () => {
    expect(isComplete('')).to.deep.equal({ status: 'complete' });
    expect(isComplete('  \n// just a comment\n')).to.deep.equal({ status: 'complete' });
    expect(isComplete('const x: number = 1\nx')).to.deep.equal({ status: 'complete' });
    expect(isComplete('await f()')).to.deep.equal({ status: 'complete' });
  });

  it('says incomplete, indented two spaces per open bracket, for unclosed brackets', () => {
    expect(isComplete('if (x) {')).to.deep.equal({ status: 'incomplete', indent: '  ' });
    expect(isComplete('class A {\n  m() {')).to.deep.equal({ status: 'incomplete', indent: '    ' });
    expect(isComplete('f(1,\n  [2,')).to.deep.equal({ status: 'incomplete', indent: '    ' });
    expect(isComplete('x = 1 +')).to.deep.equal({ status: 'incomplete', indent: '' });
  });

  it('says incomplete for unclosed template literals, block comments and strings', () => {
    expect(isComplete('const s = `a ${b}')).to.deep.equal({ status: 'incomplete', indent: '' });
    expect(isComplete('const s = `a ${ f(')).to.deep.equal({ status: 'incomplete', indent: '    ' });
    expect(isComplete('/** doc')).to.deep.equal({ status: 'incomplete', indent: '' });
    expect(isComplete('const s = "abc')).to.deep.equal({ status: 'incomplete', indent: '' });
  });

  it("says complete for IPython's help queries, which run as they are", () => {
    for (const code of ['layers.Dense?', 'model.fit??', '?tf.zeros', '  x? ']) expect(isComplete(code), code).to.deep.equal({ status: 'complete' });
    expect(isComplete('a ? b')).to.not.deep.equal({ status: 'complete' });
  });

  it('says invalid for other syntax errors', () => {
    expect(isComplete('foo(]')).to.deep.equal({ status: 'invalid' });
    expect(isComplete('let = = 3')).to.deep.equal({ status: 'invalid' });
    expect(isComplete('a b')).to.deep.equal({ status: 'invalid' });
    expect(isComplete('{ let = = 3')).to.deep.equal({ status: 'invalid' });
  });

  it('is not fooled by brackets inside strings, comments and regular expressions', () => {
    expect(isComplete('const s = "(" // {')).to.deep.equal({ status: 'complete' });
    expect(isComplete('const r = /[(]/; if (r) {')).to.deep.equal({ status: 'incomplete', indent: '  ' });
  });
});
