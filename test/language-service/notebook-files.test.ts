// The notebook as modules: what each cell declares, imports and exports, and which cells are dropped past the cap.
import { expect } from 'chai';
import * as ts from 'typescript-5';
import { declaredNames, NotebookFiles } from '../../src/language-service/notebook-files';

describe('language-service/notebook-files', () => {
  it('finds the names a cell declares at its top level, destructured and imported ones included', () => {
    const code = [
      'const a = 1, { b, c: [d] } = obj;',
      'let [e, , f] = arr;',
      'function g() { const inner = 1; }',
      'class H {}',
      'interface I {}',
      'type J = number;',
      'enum K { A }',
      "import * as fs from 'fs';",
      "import def, { named as alias } from 'x';",
      'if (true) { var hidden = 1; }',
      'a + 1;',
    ].join('\n');
    expect(declaredNames(ts, code)).to.have.members(['a', 'b', 'd', 'e', 'f', 'g', 'H', 'I', 'J', 'K', 'fs', 'def', 'alias']);
    expect(declaredNames(ts, 'model.fit(x, y)')).to.deep.equal([]);
  });

  it('imports each earlier name from the cell that declared it last, and not the names the cell declares itself', () => {
    const files = new NotebookFiles(ts, '/nb', 10);
    files.add('const x = 1;\nconst y = 2;');
    files.add('model.summary();');
    files.add('const x = "again";');
    const cell3 = files.file('/nb/cell-2.ts')!.text;
    expect(cell3).to.match(/^import \{ y \} from '\.\/cell-1'; \n/);
    expect(cell3).to.contain('export { x };');
    const { fileName, offset } = files.editing('const z = x;');
    const editing = files.file(fileName)!.text;
    expect(editing.slice(offset)).to.match(/^const z = x;/);
    expect(editing).to.contain("import { y } from './cell-1';");
    expect(editing).to.contain("import { x } from './cell-2';");
    // The cell that declared nothing is not in the program.
    expect(files.fileNames()).to.have.members(['/nb/editing.ts', '/nb/cell-1.ts', '/nb/cell-2.ts']);
  });

  it('bumps the edited file\'s version only when its text changes', () => {
    const files = new NotebookFiles(ts, '/nb', 10);
    const first = files.editing('a.');
    const version = files.file(first.fileName)!.version;
    files.editing('a.');
    expect(files.file(first.fileName)!.version).to.equal(version);
    files.editing('a.b');
    expect(files.file(first.fileName)!.version).to.equal(version + 1);
  });

  it('keeps at most maxCells declaring cells, dropping first those whose names later cells declared again', () => {
    const files = new NotebookFiles(ts, '/nb', 3);
    files.add('const keep = 1;');
    files.add('const again = 1;');
    files.add('const again = 2;');
    files.add('const last = 3;');
    expect(files.fileNames()).to.have.members(['/nb/editing.ts', '/nb/cell-1.ts', '/nb/cell-3.ts', '/nb/cell-4.ts']);
    // With nothing shadowed, the oldest goes; its names are no longer imported.
    files.add('const more = 4;');
    expect(files.fileNames()).not.to.include('/nb/cell-1.ts');
    const { fileName } = files.editing('');
    expect(files.file(fileName)!.text).not.to.contain('keep');
  });

  it('keeps a cell as its code until it is frozen into its declarations', () => {
    const files = new NotebookFiles(ts, '/nb', 10);
    files.add('const x = 1 + 1;');
    expect(files.unfrozen()).to.deep.equal(['/nb/cell-1.ts']);
    files.freeze('/nb/cell-1.ts', 'declare const x: number;\nexport { x };\n');
    expect(files.unfrozen()).to.deep.equal([]);
    expect(files.file('/nb/cell-1.ts')).to.deep.equal({ text: 'declare const x: number;\nexport { x };\n', version: 1 });
  });
});
