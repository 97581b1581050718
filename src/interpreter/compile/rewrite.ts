// The REPL rewrite (the problem Node's lib/internal/repl/await.js solves): turns one cell's JavaScript (esbuild's
// output, or the cell itself when it is JavaScript already) into a script whose completion value is a Promise of
// `{ value }` (the last expression's value, in an object without a prototype, so that no `then` a cell adds to
// Object.prototype can take it over; the executor awaits the value when it is a Promise), with every top-level
// declaration stored on globalThis so later cells see it and a re-run may declare it again.
//
//   var a, f, C;  (async () => { globalThis.f = f; <the cell, line for line>
//   })()
//
// Top-level `const`/`let`/`var` become assignments to those global `var`s (a `var` may be declared again, and
// `var x;` keeps the old value if the cell fails before assigning), `class C {}` becomes `C = class C {};`, and a
// function declaration stays where it is (so it still hoists) and is copied to the global at the start.
// `import` becomes `__tsdl.importModule(specifier)`, every `await X` becomes `__tsdl.resume(__tsdl.gen(), await X)`
// and every argument of a `.then`/`.catch`/`.finally` call `__tsdl.chain(arg)`, so that code resuming after an
// interrupt stops at once.
//
// All added text sits on line 1 or after the last line, so the cell keeps its line numbers.
import { parse, type Node, type Pattern, type Program, type VariableDeclaration } from 'acorn';
import { valueStatement } from './cell-value';
import { SourceEditor, lineStarts, offsetOf, positionOf } from './edits';

export interface RewriteResult {
  /** Run as a global script (see runtime/global-script.ts): evaluates to `Promise<{ value: unknown }>`. */
  code: string;
  /** Names the cell stores on globalThis (declarations and imports), in source order. */
  declaredNames: string[];
  /** A position in `code` (1-based line, 0-based column) → the same position in the JavaScript rewritten. */
  mapPosition(line: number, column: number): { line: number; column: number };
}

/** The names of the runtime the executor must install as `globalThis.__tsdl`. */
const RUNTIME = '__tsdl';
const MODULE_TEMP = '__tsdl_module';
/** Promise methods whose callbacks a cell registers: each is checked against interrupts when it comes due. */
const CHAIN_METHODS = new Set(['then', 'catch', 'finally']);
const ITERATE_HELPER = '__tsdl_iterate';

// Wraps `for await` sources so the loop checks for an interrupt after every step, with only gen() and resume()
// from the runtime. Sync iterables keep for-await's meaning: their promised values are awaited.
const ITERATE_SOURCE =
  `const ${ITERATE_HELPER} = (source) => { ` +
  `const asyncIt = source[Symbol.asyncIterator]; ` +
  `const it = asyncIt ? asyncIt.call(source) : source[Symbol.iterator](); ` +
  `return { [Symbol.asyncIterator]() { return this; }, ` +
  `async next(v) { const g = ${RUNTIME}.gen(); const r = await it.next(v); ` +
  `if (!asyncIt && !r.done) r.value = await r.value; return ${RUNTIME}.resume(g, r); }, ` +
  `async return(v) { return it.return ? it.return(v) : { done: true, value: v }; } }; }; `;

type AnyNode = Node & Record<string, unknown>;

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'StaticBlock']);

function isNode(value: unknown): value is AnyNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

function childNodes(node: AnyNode): AnyNode[] {
  const children: AnyNode[] = [];
  for (const key of Object.keys(node)) {
    if (key === 'type' || key === 'start' || key === 'end') continue;
    const value = node[key];
    if (Array.isArray(value)) for (const item of value) if (isNode(item)) children.push(item);
    if (isNode(value)) children.push(value);
  }
  return children;
}

/** The identifiers a binding pattern declares (`{ a, b: [c, ...d] = [] }` → a, c, d). */
function patternNames(pattern: Pattern | null | undefined, out: string[] = []): string[] {
  if (!pattern) return out;
  switch (pattern.type) {
    case 'Identifier':
      out.push(pattern.name);
      break;
    case 'ObjectPattern':
      for (const property of pattern.properties) {
        patternNames(property.type === 'RestElement' ? property.argument : property.value, out);
      }
      break;
    case 'ArrayPattern':
      for (const element of pattern.elements) patternNames(element, out);
      break;
    case 'RestElement':
      patternNames(pattern.argument, out);
      break;
    case 'AssignmentPattern':
      patternNames(pattern.left, out);
      break;
    case 'MemberExpression':
      break;
  }
  return out;
}

class CellRewriter {
  private readonly editor: SourceEditor;
  private readonly globals: string[] = [];
  private readonly functionNames: string[] = [];
  private usesImports = false;
  private usesForAwait = false;

  constructor(private readonly js: string) {
    this.editor = new SourceEditor(js);
  }

  rewrite(program: Program): { code: string; originalOffset: (offset: number) => number; declared: string[] } {
    const handled = new Set<Node>();
    const value = valueStatement(program);
    for (const statement of program.body) this.topLevel(statement as AnyNode, handled, statement === value);
    this.walk(program as unknown as AnyNode, null, 0, false, handled);

    const declared = [...new Set(this.globals)];
    let prefix = declared.length > 0 ? `var ${declared.join(', ')}; ` : '';
    prefix += '(async () => { ';
    if (this.usesImports) prefix += `let ${MODULE_TEMP}; `;
    if (this.usesForAwait) prefix += ITERATE_SOURCE;
    for (const name of this.functionNames) prefix += `globalThis.${name} = ${name}; `;
    this.editor.wrap(prefix, '\nreturn { __proto__: null, value: undefined };\n})()');
    const edited = this.editor.apply();
    return { code: edited.code, originalOffset: edited.originalOffset, declared };
  }

  private declare(...names: string[]): void {
    this.globals.push(...names);
  }

  private topLevel(statement: AnyNode, handled: Set<Node>, isValue: boolean): void {
    switch (statement.type) {
      case 'ImportDeclaration':
        this.importDeclaration(statement);
        return;
      case 'ExportNamedDeclaration':
      case 'ExportDefaultDeclaration': {
        const declaration = statement.declaration as AnyNode | null;
        if (!declaration) {
          // `export { f }` (esbuild moves exports to the end) or a re-export: nothing to bind here.
          this.editor.overwrite(statement.start, statement.end, '');
          return;
        }
        const anonymous =
          (declaration.type === 'FunctionDeclaration' || declaration.type === 'ClassDeclaration') && !declaration.id;
        this.editor.overwrite(statement.start, declaration.start, anonymous ? 'void (' : '');
        if (anonymous) this.editor.close(declaration.end, ');', 1);
        else this.topLevel(declaration, handled, false);
        return;
      }
      case 'ExportAllDeclaration':
        this.editor.overwrite(statement.start, statement.end, '');
        return;
      case 'VariableDeclaration':
        // Marked so that the walk below, which binds `var` at any depth, leaves it alone.
        this.variableDeclaration(statement as unknown as VariableDeclaration, 1, true);
        handled.add(statement);
        return;
      case 'FunctionDeclaration': {
        const name = (statement.id as { name: string }).name;
        this.declare(name);
        this.functionNames.push(name);
        return;
      }
      case 'ClassDeclaration': {
        const name = (statement.id as { name: string }).name;
        this.declare(name);
        this.editor.open(statement.start, `${name} = `, 1);
        this.editor.close(statement.end, ';', 1);
        return;
      }
      case 'ExpressionStatement':
        if (isValue) {
          // The statement's range, not the expression's: it includes the parentheses of `({ a: 1 });`.
          const end = this.js[statement.end - 1] === ';' ? statement.end - 1 : statement.end;
          this.editor.open(statement.start, 'return { __proto__: null, value: (', 1);
          this.editor.close(end, ') }', 1);
        }
        return;
    }
  }

  /** `import d, * as ns from 'm'` → assignments from one awaited `__tsdl.importModule('m')`. */
  private importDeclaration(node: AnyNode): void {
    this.usesImports = true;
    const declaration = node as unknown as import('acorn').ImportDeclaration;
    const specifier = declaration.source.raw ?? JSON.stringify(declaration.source.value);
    const load = `${RUNTIME}.resume(${RUNTIME}.gen(), await ${RUNTIME}.importModule(${specifier}))`;
    const parts = [`${MODULE_TEMP} = ${load}`];
    for (const item of declaration.specifiers) {
      const local = item.local.name;
      this.declare(local);
      if (item.type === 'ImportDefaultSpecifier') parts.push(`${local} = ${MODULE_TEMP}.default ?? ${MODULE_TEMP}`);
      else if (item.type === 'ImportNamespaceSpecifier') parts.push(`${local} = ${MODULE_TEMP}`);
      else {
        const imported =
          item.imported.type === 'Identifier' ? item.imported.name : String((item.imported as { value: unknown }).value);
        parts.push(`${local} = ${MODULE_TEMP}[${JSON.stringify(imported)}]`);
      }
    }
    this.editor.overwrite(declaration.start, declaration.end, `void (${parts.join(', ')});`);
  }

  /**
   * A declaration whose names belong on globalThis. As a statement it becomes `void (a = 1, b = 2);`; as the head
   * of a `for` (only `var` gets here) the keyword is simply dropped.
   */
  private variableDeclaration(node: VariableDeclaration, depth: number, statement: boolean): void {
    for (const declarator of node.declarations) this.declare(...patternNames(declarator.id));
    const first = node.declarations[0];
    const lastDeclarator = node.declarations[node.declarations.length - 1];
    this.editor.overwrite(node.start, first.start, statement ? 'void (' : '');
    for (const declarator of node.declarations) {
      // `let x;` run again must reset x; `var x;` keeps its value, as a redeclared var does.
      if (!declarator.init && node.kind !== 'var') this.editor.close(declarator.id.end, ' = undefined', depth + 1);
    }
    // A cell that skipped esbuild may leave the `;` to ASI, which `void (x = undefined)` followed by a line
    // starting with `(` or `[` would no longer get: the `;` is written out.
    if (statement) this.editor.close(lastDeclarator.end, this.js[node.end - 1] === ';' ? ')' : ');', depth);
  }

  /** Everything below the top level: awaits, dynamic imports, `for await`, and `var` outside functions. */
  private walk(node: AnyNode, parent: AnyNode | null, depth: number, inFunction: boolean, handled: Set<Node>): void {
    switch (node.type) {
      case 'AwaitExpression':
        this.editor.open(node.start, `${RUNTIME}.resume(${RUNTIME}.gen(), `, depth);
        this.editor.close(node.end, ')', depth);
        break;
      case 'CallExpression':
        if (isChainCall(node)) {
          // Inside the argument's own edits (an await in it), outside the call's.
          for (const argument of node.arguments as AnyNode[]) {
            if (argument.type === 'SpreadElement') continue;
            this.editor.open(argument.start, `${RUNTIME}.chain(`, depth + 0.5);
            this.editor.close(argument.end, ')', depth + 0.5);
          }
        }
        break;
      case 'ImportExpression':
        this.editor.overwrite(node.start, (node.source as Node).start, `${RUNTIME}.importModule(`);
        break;
      case 'ForOfStatement':
        if (node.await) {
          this.usesForAwait = true;
          const right = node.right as Node;
          this.editor.open(right.start, `${ITERATE_HELPER}(`, depth + 1);
          this.editor.close(right.end, ')', depth + 1);
        }
        break;
      case 'VariableDeclaration':
        if (!inFunction && node.kind === 'var' && !handled.has(node)) {
          const loopHead = parent !== null && isLoopHeadOf(parent, node);
          this.variableDeclaration(node as unknown as VariableDeclaration, depth, !loopHead);
        }
        break;
    }
    const entersFunction = inFunction || FUNCTION_TYPES.has(node.type);
    for (const child of childNodes(node)) this.walk(child, node, depth + 1, entersFunction, handled);
  }
}

/** `p.then(...)`, `p?.catch(...)`, `p["finally"](...)`. */
function isChainCall(call: AnyNode): boolean {
  const callee = call.callee as AnyNode;
  if (callee.type !== 'MemberExpression') return false;
  const property = callee.property as AnyNode;
  const name = callee.computed ? (property.type === 'Literal' ? property.value : null) : property.name;
  return typeof name === 'string' && CHAIN_METHODS.has(name);
}

function isLoopHeadOf(parent: AnyNode, child: Node): boolean {
  if (parent.type === 'ForStatement') return parent.init === child;
  if (parent.type === 'ForInStatement' || parent.type === 'ForOfStatement') return parent.left === child;
  return false;
}

/** Rewrites `js`; `parsed` is acorn's tree of it when the caller has one already. */
export function rewriteCell(js: string, parsed: Program | null = null): RewriteResult {
  let program: Program;
  try {
    program = parsed ?? parse(js, { ecmaVersion: 'latest', sourceType: 'module', allowAwaitOutsideFunction: true });
  } catch (error) {
    // Syntax esbuild emits but acorn does not know yet: the cell still becomes a script, one that reports it.
    const message = `tsdl could not rewrite this cell: ${(error as Error).message}`;
    return {
      code: `(async () => { throw new SyntaxError(${JSON.stringify(message)}); })()`,
      declaredNames: [],
      mapPosition: (line, column) => ({ line, column }),
    };
  }
  const rewritten = new CellRewriter(js).rewrite(program);
  const outStarts = lineStarts(rewritten.code);
  const inStarts = lineStarts(js);
  return {
    code: rewritten.code,
    declaredNames: rewritten.declared,
    mapPosition: (line, column) =>
      positionOf(inStarts, rewritten.originalOffset(offsetOf(outStarts, line, column))),
  };
}
