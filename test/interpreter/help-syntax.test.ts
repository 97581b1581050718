// The name a help cell asks about: IPython's `name?`, `name??`, `?name`.
import { expect } from 'chai';
import { helpSyntax } from '../../src/interpreter/introspection/help-syntax';

describe('interpreter/help-syntax', () => {
  it('reads IPython\'s help syntax, with the source for two marks', () => {
    expect(helpSyntax('layers.Dense?')).to.deep.equal({ dotted: 'layers.Dense', detailLevel: 0 });
    expect(helpSyntax(' ??tf.zeros ')).to.deep.equal({ dotted: 'tf.zeros', detailLevel: 1 });
    expect(helpSyntax('a ? b : c')).to.equal(null);
  });

});
