// A TypeScript language service over the notebook (see notebook-files.ts): completions and descriptions that know
// the types of what earlier cells declared and of the preloaded API, without running anything.
import { dirname, join } from 'path';
import type * as TypeScript from 'typescript-5';
import { identifierStart } from '../shared/code-points';
import { NotebookFiles } from './notebook-files';
import { preludeText } from './prelude';
import { declarationLine, docstring, jupyterKind, readable } from './presentation';
import type { Field } from '../shared/description';
import type { TypedCompletion, TypedDescription, TypedItem } from './protocol';

type TS = typeof TypeScript;

/** Declaring cells kept in the program (see NotebookFiles.maxCells). */
const MAX_CELLS = 200;
/** Members only TypeScript knows that get a signature. */
const SIGNED_ITEMS = 20;
/** Lines of a declaration shown at detail level 1. */
const SOURCE_LINES = 60;

/**
 * Packages the declarations reach that no cell uses through them: read as `any`, which spares TypeScript a quarter
 * of what it would parse (vega-lite's chart specs, WebGPU's types, tfjs's backends' internals).
 */
const STUBBED = new Set(['vega-lite', 'vega', '@tensorflow/tfjs-backend-cpu', '@tensorflow/tfjs-backend-webgl']);
const STUBBED_TYPES = new Set(['@webgpu/types/dist']);
const STUB = 'declare const stub: any;\nexport = stub;\n';

export class NotebookService {
  private readonly files: NotebookFiles;
  private readonly prelude: string;
  private readonly service: TypeScript.LanguageService;
  /** Cells that ran since the last request: read into the program only when a request needs it. */
  private pending: string[] = [];
  /** The last completion asked for, by the cells and the code around the word being completed. */
  private lastCompletion: { key: string; fileName: string; position: number; info: TypeScript.CompletionInfo | undefined } | null = null;

  /** The notebook's folder, where a cell's own imports resolve from when tsdl's packages lack them. */
  cwd: string;

  /**
   * `typesDir`: the emitted declarations of the Keras-like API. `root`: tsdl's package, where the cells seem to be,
   * so that the packages their declarations name resolve. `libDir`: where TypeScript's `lib.*.d.ts` files are (a
   * bundled TypeScript does not sit beside them).
   */
  constructor(
    private readonly ts: TS,
    typesDir: string,
    root: string,
    libDir: string = dirname(ts.getDefaultLibFilePath({})),
  ) {
    this.cwd = root;
    this.files = new NotebookFiles(ts, join(root, '.notebook'), MAX_CELLS);
    this.prelude = join(this.files.dir, 'prelude.d.ts');
    const preludeSource = preludeText(join(typesDir, 'keras', 'index'));
    const stub = join(this.files.dir, 'stub.d.ts');
    const virtual = (fileName: string): { text: string; version: number } | undefined => {
      if (fileName === this.prelude) return { text: preludeSource, version: 0 };
      return fileName === stub ? { text: STUB, version: 0 } : this.files.file(fileName);
    };
    const options: TypeScript.CompilerOptions = {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts'],
      types: [],
      strict: true,
      skipLibCheck: true,
      // Only for the cells' declarations, asked for in memory (see freeze): nothing is written.
      declaration: true,
      emitDeclarationOnly: true,
    };
    const onDisk = new Map<string, TypeScript.IScriptSnapshot | undefined>();
    const resolution = ts.createModuleResolutionCache(root, (fileName) => fileName, options);
    // getModuleResolutionCache is a hook TypeScript's language service reads but does not declare publicly.
    const host: TypeScript.LanguageServiceHost & { getModuleResolutionCache(): TypeScript.ModuleResolutionCache } = {
      // Also where TypeScript keeps the package.json files it read: without it, it reads them again every request.
      getModuleResolutionCache: () => resolution,
      resolveModuleNameLiterals: (literals, containingFile) =>
        literals.map(({ text }) => {
          if (STUBBED.has(text)) return { resolvedModule: { resolvedFileName: stub, extension: ts.Extension.Dts } };
          // A cell's imports of earlier cells, resolved here: the cache would keep an entry for every cell ever run.
          const cell = text.startsWith('./cell-') && containingFile.startsWith(this.files.dir) ? join(this.files.dir, `${text.slice(2)}.ts`) : null;
          if (cell) return { resolvedModule: this.files.file(cell) ? { resolvedFileName: cell, extension: ts.Extension.Ts } : undefined };
          const resolved = ts.resolveModuleName(text, containingFile, options, host, resolution);
          return resolved.resolvedModule || !containingFile.startsWith(this.files.dir) ? resolved : ts.resolveModuleName(text, join(this.cwd, 'cell.ts'), options, host, resolution);
        }),
      resolveTypeReferenceDirectiveReferences: (references, containingFile) =>
        references.map((reference) => {
          const name = typeof reference === 'string' ? reference : reference.fileName.toLowerCase();
          return STUBBED_TYPES.has(name) ? { resolvedTypeReferenceDirective: undefined } : ts.resolveTypeReferenceDirective(name, containingFile, options, host);
        }),
      getScriptFileNames: () => [this.prelude, ...this.files.fileNames()],
      getScriptVersion: (fileName) => String(virtual(fileName)?.version ?? 0),
      getScriptSnapshot: (fileName) => {
        const file = virtual(fileName);
        if (file) return ts.ScriptSnapshot.fromString(file.text);
        // Files on disk (declarations, libs) are read once: every request makes a new program that asks for them all.
        if (!onDisk.has(fileName)) {
          const text = ts.sys.readFile(fileName);
          onDisk.set(fileName, text === undefined ? undefined : ts.ScriptSnapshot.fromString(text));
        }
        return onDisk.get(fileName);
      },
      getCurrentDirectory: () => root,
      getCompilationSettings: () => options,
      getDefaultLibFileName: (settings) => join(libDir, ts.getDefaultLibFileName(settings)),
      fileExists: (fileName) => virtual(fileName) !== undefined || ts.sys.fileExists(fileName),
      readFile: (fileName) => virtual(fileName)?.text ?? ts.sys.readFile(fileName),
      directoryExists: (dir) => dir === this.files.dir || ts.sys.directoryExists(dir),
      getDirectories: ts.sys.getDirectories,
      readDirectory: ts.sys.readDirectory,
    };
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /**
   * Parses and binds the declarations of the preloaded API and TypeScript's libs, as the first request otherwise
   * would: done where the language service's process is built into a startup snapshot (see process.ts).
   */
  prepare(): void {
    this.service.getProgram()?.getTypeChecker();
  }

  cellsRan(codes: string[]): void {
    this.pending.push(...codes);
  }

  /** `live`: names the runtime offers with their signatures; the signatures are for the others. */
  complete(code: string, cursor: number, live: ReadonlySet<string> = new Set()): TypedCompletion | null {
    const start = identifierStart(code, cursor);
    const partial = code.slice(start, cursor);
    // Tab again on the same expression (`s.c`, then `s.com`): the same list, filtered by what is typed now.
    this.readPending();
    const key = `${this.files.cellsVersion}\0${code.slice(0, start)}\0${code.slice(cursor)}`;
    if (this.lastCompletion?.key !== key) {
      const { fileName, position } = this.editing(code, start);
      const info = this.service.getCompletionsAtPosition(fileName, position, {});
      this.lastCompletion = { key, fileName, position, info };
    }
    const { fileName, position, info } = this.lastCompletion;
    if (!info) return null;
    const entries = info.entries.filter((entry) => entry.name.startsWith(partial) && entry.kind !== 'warning');
    const items = entries.map((entry): TypedItem => ({ name: entry.name, kind: jupyterKind(entry.kind) }));
    const unsigned = items.filter((item) => item.kind === 'function' && !live.has(item.name)).slice(0, SIGNED_ITEMS);
    const signatures = unsigned.length > 0 ? this.memberSignatures(fileName, position, unsigned.map((item) => item.name)) : new Map<string, string>();
    for (const item of unsigned) item.signature = signatures.get(item.name);
    return { start, items, member: info.isMemberCompletion };
  }

  /** The name under the cursor if TypeScript knows where it is declared, else the call the cursor is in. */
  inspect(code: string, cursor: number, detail: number): TypedDescription | null {
    const { fileName, position } = this.editing(code, cursor);
    for (const at of [position, position - 1]) {
      const definition = this.service.getDefinitionAtPosition(fileName, at)?.[0];
      const info = this.service.getQuickInfoAtPosition(fileName, at);
      // An object literal's key being typed is "defined" where it stands: that is the call's business.
      if (!definition || !info || (definition.fileName === fileName && definition.textSpan.start === info.textSpan.start)) continue;
      const fields: Field[] = [['Declaration', declarationLine(this.ts.displayPartsToString(info.displayParts))]];
      const doc = docstring(this.ts, info.documentation, info.tags) || this.symbolDoc(fileName, at);
      if (doc) fields.push(['Docstring', doc]);
      return { fields, source: detail >= 1 ? this.declarationText(definition) : undefined };
    }
    const help = this.service.getSignatureHelpItems(fileName, position, undefined);
    const item = help?.items[help.selectedItemIndex];
    if (!help || !item) return null;
    const text = (parts: TypeScript.SymbolDisplayPart[]): string => readable(this.ts.displayPartsToString(parts));
    const parameters = item.parameters.map((parameter) => text(parameter.displayParts)).join(text(item.separatorDisplayParts));
    const fields: Field[] = [['Declaration', `${text(item.prefixDisplayParts)}${parameters}${text(item.suffixDisplayParts)}`]];
    // A callee that is a documented constant (`layers.Dense`) has its doc on the constant, not on its call signature.
    const doc = docstring(this.ts, item.documentation, item.tags) || this.symbolDoc(fileName, help.applicableSpan.start - 2);
    if (doc) fields.push(['Docstring', doc]);
    return { fields };
  }

  private readPending(): void {
    for (const ran of this.pending) this.files.add(ran);
    this.pending = [];
  }

  /**
   * Turns the cells read since the last call into their declarations, inferred types written out: later requests
   * then read `model: SequentialInstance` instead of inferring it again from `models.Sequential([...])`, as every
   * request's fresh type checker otherwise would. Called after a request is answered (it costs a check of each cell).
   */
  freeze(): void {
    // All from one program, then applied: each change of a file would make the next emit start a new program.
    const emitted = this.files.unfrozen().map((fileName) => {
      const output = this.service.getEmitOutput(fileName, true);
      const declarations = output.outputFiles.find((file) => file.name.endsWith('.d.ts'));
      return { fileName, text: declarations && !output.emitSkipped ? declarations.text : null };
    });
    for (const { fileName, text } of emitted) this.files.freeze(fileName, text);
  }

  /** The program brought up to date with the cells that ran, and `code` as the cell being edited. */
  private editing(code: string, cursor: number): { fileName: string; position: number } {
    this.readPending();
    const { fileName, offset } = this.files.editing(code);
    return { fileName, position: offset + cursor };
  }

  /**
   * The doc comment of the symbol at `position` itself: at a call, TypeScript's quick info documents the call
   * signature, which a constant of a callable type (`layers.Dense`) has no comment on.
   */
  private symbolDoc(fileName: string, position: number): string {
    const at = this.nodeAt(fileName, position);
    if (!at) return '';
    const { node, checker } = at;
    let symbol = checker.getSymbolAtLocation(node);
    if (symbol && symbol.flags & this.ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol);
    return symbol ? docstring(this.ts, symbol.getDocumentationComment(checker), symbol.getJsDocTags(checker)) : '';
  }

  /**
   * The call signatures of the members named, from the type of the expression before the `.` at `position` (none
   * for other completions). Read from the completion's own program: asking TypeScript for each entry's details
   * would compute the whole completion again for each.
   */
  private memberSignatures(fileName: string, position: number, names: string[]): Map<string, string> {
    const signatures = new Map<string, string>();
    const at = this.nodeAt(fileName, position - 1);
    if (!at || !this.ts.isPropertyAccessExpression(at.node)) return signatures;
    const { node, checker } = at;
    const owner = checker.getTypeAtLocation(node.expression);
    for (const name of names) {
      const member = owner.getProperty(name);
      const [signature] = member ? checker.getTypeOfSymbolAtLocation(member, node).getCallSignatures() : [];
      if (signature) signatures.set(name, readable(checker.signatureToString(signature)));
    }
    return signatures;
  }

  /** The innermost node of the current program's file that spans `position`, with the program's checker. */
  private nodeAt(fileName: string, position: number): { node: TypeScript.Node; checker: TypeScript.TypeChecker } | null {
    const program = this.service.getProgram();
    const source = program?.getSourceFile(fileName);
    if (!program || !source) return null;
    const innermost = (node: TypeScript.Node): TypeScript.Node =>
      this.ts.forEachChild(node, (child) => (child.getStart(source) <= position && position < child.getEnd() ? innermost(child) : undefined)) ?? node;
    return { node: innermost(source), checker: program.getTypeChecker() };
  }

  private declarationText(definition: TypeScript.DefinitionInfo): string | undefined {
    const span = definition.contextSpan ?? definition.textSpan;
    const source = this.service.getProgram()?.getSourceFile(definition.fileName);
    if (!source) return undefined;
    const lines = source.text.slice(span.start, span.start + span.length).split('\n');
    return lines.length > SOURCE_LINES ? [...lines.slice(0, SOURCE_LINES), '…'].join('\n') : lines.join('\n');
  }
}
