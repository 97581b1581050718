// How TypeScript's answers read in the notebook: JSDoc as a description's doc, types by their names.
import { expect } from 'chai';
import * as ts from 'typescript-5';
import { declarationLine, docstring, jupyterKind } from '../../src/language-service/presentation';

const parts = (text: string): ts.SymbolDisplayPart[] => [{ text, kind: 'text' }];

describe('language-service/presentation', () => {
  it('joins a paragraph\'s wrapped lines, keeps code blocks as written, lists parameters, and drops tfjs\'s @doc', () => {
    const documentation = parts('Creates a tensor\nof zeros.\n\n```js\ntf.zeros([2,\n  2]).print();\n```');
    const tags: ts.JSDocTagInfo[] = [
      { name: 'param', text: parts('shape The shape,\nwrapped.') },
      { name: 'returns', text: parts('A tensor.') },
      { name: 'doc', text: parts("{heading: 'Tensors'}") },
    ];
    expect(docstring(ts, documentation, tags)).to.equal(
      'Creates a tensor of zeros.\n\n```js\ntf.zeros([2,\n  2]).print();\n```\n- shape: The shape, wrapped.\nReturns: A tensor.',
    );
  });

  it('shows a type by its name, not the path it was reached through', () => {
    expect(declarationLine('(alias) const s: import("/x/dist/types/keras/models").SequentialInstance\nimport s')).to.equal('const s: SequentialInstance');
    expect(jupyterKind('method')).to.equal('function');
    expect(jupyterKind('alias')).to.equal('instance');
  });
});
