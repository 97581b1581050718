// The rules for a cell's value, read from one lex of the source (analyzeCell, keepLastValue) and from acorn's tree
// of esbuild's output (valueStatement).
import { parse } from 'acorn';
import { expect } from 'chai';
import { analyzeCell, keepLastValue, valueStatement } from '../../src/interpreter/compile/cell-value';

describe('interpreter/cell-value', () => {
  it('finds a lone object literal, comments aside', () => {
    expect(analyzeCell('{ a: 1 }').objectLiteral).to.equal(true);
    expect(analyzeCell('// note\n{ a: 1 } /* end */').objectLiteral).to.equal(true);
    expect(analyzeCell('{').objectLiteral).to.equal(false);
    expect(analyzeCell('x = { a: 1 }').objectLiteral).to.equal(false);
  });

  it('keeps the tokens, comments included, for the doc comments', () => {
    const { tokens } = analyzeCell('/** doc */ const a = 1');
    expect(tokens[0]).to.include({ type: 'comment', text: '/** doc */' });
  });

  it('wraps the last statement when it may be an expression; a trailing `;` hides the value, so none is kept', () => {
    const wrap = (source: string): string => keepLastValue(source, analyzeCell(source));
    expect(wrap('const a = 1;\na + 1')).to.equal('const a = 1;\n__tsdl.value((a + 1))');
    expect(wrap('const a = 1;\na + 1;')).to.equal('const a = 1;\na + 1;');
    expect(wrap('if (a) {\n}\n-5')).to.equal('if (a) {\n}\n__tsdl.value((-5))');
    expect(wrap('f({ a: 1 }); "s"')).to.equal('f({ a: 1 }); __tsdl.value(("s"))');
    expect(wrap('const a = 1')).to.equal('const a = 1');
    expect(wrap('x;\n{ y }')).to.equal('x;\n{ y }');
    expect(wrap('x // done')).to.equal('__tsdl.value((x)) // done');
    expect(wrap('')).to.equal('');
  });

  it("takes the last statement that is not esbuild's trailing export as the value, if it is an expression", () => {
    const value = (js: string): string | null => {
      const program = parse(js, { ecmaVersion: 'latest', sourceType: 'module' });
      const statement = valueStatement(program);
      return statement ? js.slice(statement.start, statement.end) : null;
    };
    expect(value('const e = 1;\ne + 1;\nexport { e };\n')).to.equal('e + 1;');
    expect(value('f();\nconst a = 1;\n')).to.equal(null);
    expect(value(';;')).to.equal(null);
    expect(value('')).to.equal(null);
  });
});
