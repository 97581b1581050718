// The notebook as TypeScript sees it. Each cell that ran and declared something is a module: it imports the names
// earlier cells declared (each from the latest cell that declared it) and exports its own. The cell being edited is
// one more such module. A name declared again in a later cell is then what it is at run time: the later one wins.
import type * as TypeScript from 'typescript-5';

type TS = typeof TypeScript;

interface CellModule {
  /** The module's file name, without its directory or extension. */
  module: string;
  text: string;
  declares: string[];
  /** The text is the cell's declarations with their types written out (see NotebookService.freeze). */
  frozen: boolean;
}

/** A virtual file of the program and the version the language service compares to see a change. */
export interface VirtualFile {
  text: string;
  version: number;
}

/** The names a cell's top level declares: variables (destructured too), functions, classes, types, imports. */
export function declaredNames(ts: TS, code: string): string[] {
  const source = ts.createSourceFile('cell.ts', code, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  const bind = (name: TypeScript.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) bind(element.name);
  };
  for (const statement of source.statements) {
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) bind(declaration.name);
    } else if (
      ts.isFunctionDeclaration(statement) ||
      ts.isClassDeclaration(statement) ||
      ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) ||
      ts.isEnumDeclaration(statement) ||
      ts.isImportEqualsDeclaration(statement)
    ) {
      if (statement.name) names.add(statement.name.text);
    } else if (ts.isModuleDeclaration(statement) && ts.isIdentifier(statement.name)) {
      names.add(statement.name.text);
    } else if (ts.isImportDeclaration(statement) && statement.importClause) {
      const clause = statement.importClause;
      if (clause.name) names.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      else if (bindings) for (const element of bindings.elements) names.add(element.name.text);
    }
  }
  return [...names];
}

export class NotebookFiles {
  /** The cells kept, in the order they ran. */
  private readonly cells: CellModule[] = [];
  /** Each declared name → the cell that declared it last. */
  private readonly latest = new Map<string, CellModule>();
  /** The virtual files by name: the kept cells and the cell being edited. */
  private readonly byName = new Map<string, VirtualFile>();
  private serial = 0;

  /**
   * `dir`: the folder the virtual files seem to be in (module resolution looks for packages above it).
   * `maxCells`: how many declaring cells are kept; past it the oldest whose names were all declared again go first,
   * which bounds memory however long the kernel runs.
   */
  constructor(
    private readonly ts: TS,
    readonly dir: string,
    private readonly maxCells: number,
  ) {
    this.byName.set(this.editingFile, { text: '', version: 0 });
  }

  /** A cell that ran. One that declares nothing leaves the program as it was. */
  add(code: string): void {
    const declares = declaredNames(this.ts, code);
    if (declares.length === 0) return;
    const module = `cell-${++this.serial}`;
    const cell: CellModule = { module, declares, frozen: false, text: `${this.importLine(declares)}${code}\nexport { ${declares.join(', ')} };\n` };
    this.cells.push(cell);
    this.byName.set(this.fileOf(cell), { text: cell.text, version: 0 });
    for (const name of declares) this.latest.set(name, cell);
    if (this.cells.length > this.maxCells) this.drop();
  }

  /** The file of the cell being edited, and where `code` starts in it. */
  editing(code: string): { fileName: string; offset: number } {
    const imports = this.importLine(declaredNames(this.ts, code));
    const text = `${imports}${code}\nexport {};\n`;
    const current = this.byName.get(this.editingFile)!;
    if (text !== current.text) this.byName.set(this.editingFile, { text, version: current.version + 1 });
    return { fileName: this.editingFile, offset: imports.length };
  }

  /** Changes whenever the program's cells do. */
  get cellsVersion(): number {
    return this.serial;
  }

  get editingFile(): string {
    return `${this.dir}/editing.ts`;
  }

  /** The files of the cells whose text is still their code. */
  unfrozen(): string[] {
    return this.cells.filter((cell) => !cell.frozen).map((cell) => this.fileOf(cell));
  }

  /** Replaces a cell's code by its declarations, types written out (`declarations` null: keeps the code). */
  freeze(fileName: string, declarations: string | null): void {
    const cell = this.cells.find((kept) => this.fileOf(kept) === fileName);
    if (!cell) return;
    cell.frozen = true;
    if (declarations === null) return;
    cell.text = declarations;
    this.byName.set(fileName, { text: declarations, version: this.byName.get(fileName)!.version + 1 });
  }

  /** The virtual file of that name, if there is one. */
  file(fileName: string): VirtualFile | undefined {
    return this.byName.get(fileName);
  }

  /** The names of every virtual file: the kept cells and the cell being edited. */
  fileNames(): string[] {
    return [...this.byName.keys()];
  }

  private fileOf(cell: CellModule): string {
    return `${this.dir}/${cell.module}.ts`;
  }

  /** One line importing every name declared so far but not in `own`, each from the cell that declared it last. */
  private importLine(own: string[]): string {
    const byModule = new Map<string, string[]>();
    for (const [name, cell] of this.latest) {
      if (own.includes(name)) continue;
      byModule.set(cell.module, [...(byModule.get(cell.module) ?? []), name]);
    }
    return [...byModule].map(([module, names]) => `import { ${names.join(', ')} } from './${module}'; `).join('') + '\n';
  }

  /** Drops the oldest cell whose names later cells all declared again, else the oldest. */
  private drop(): void {
    const shadowed = this.cells.findIndex((cell) => cell.declares.every((name) => this.latest.get(name) !== cell));
    const [dropped] = this.cells.splice(shadowed >= 0 ? shadowed : 0, 1);
    this.byName.delete(this.fileOf(dropped));
    for (const name of dropped.declares) if (this.latest.get(name) === dropped) this.latest.delete(name);
  }
}
