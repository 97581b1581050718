// How TypeScript's answers are shown: its kinds in JupyterLab's words, its types by their names, its JSDoc as the
// description's doc (paragraphs on one line, parameters as a list, tfjs's own tags left out).
import type * as TypeScript from 'typescript-5';

type TS = typeof TypeScript;

/** TypeScript's text for a type reached through a path (`import("/…/arrays").Data`), shown by its name (`Data`). */
export function readable(text: string): string {
  return text.replace(/import\("[^"]*"\)\./g, '');
}

/** A quick info's first part: `(alias) function zeros…` then `export zeros` says only `function zeros…`. */
export function declarationLine(text: string): string {
  return readable(text.replace(/^\(alias\) /, '').replace(/\n(?:import|export) [\w$]+$/, ''));
}

/** TypeScript's kinds of completion in the words JupyterLab's completer shows. */
export function jupyterKind(kind: string): string {
  switch (kind) {
    case 'method':
    case 'function':
    case 'local function':
    case 'construct':
    case 'call':
      return 'function';
    case 'class':
    case 'local class':
    case 'interface':
    case 'type':
    case 'enum':
      return 'class';
    case 'property':
    case 'getter':
    case 'setter':
    case 'enum member':
      return 'property';
    case 'keyword':
      return 'keyword';
    case 'module':
    case 'external module name':
      return 'module';
    case 'string':
      return 'text';
    default:
      return 'instance';
  }
}

/** A comment's lines as written, each paragraph on one line (code blocks and list items keep their lines). */
function unwrapped(text: string): string {
  let inCode = false;
  return text
    .split('\n')
    .reduce<string[]>((lines, line) => {
      const fence = line.trimStart().startsWith('```');
      const joins = !inCode && !fence && lines.length > 0 && line.trim() !== '' && !/^\s*([-*]|\d+\.)\s/.test(line);
      const previous = lines[lines.length - 1];
      if (joins && previous.trim() !== '' && !previous.trimStart().startsWith('```')) lines[lines.length - 1] = `${previous} ${line.trim()}`;
      else lines.push(line);
      if (fence) inCode = !inCode;
      return lines;
    }, [])
    .join('\n');
}

/** JSDoc's tags as the description shows them: examples, parameters and return values (not tfjs's `@doc`). */
function tagLines(ts: TS, tags: TypeScript.JSDocTagInfo[] | undefined): string[] {
  return (tags ?? []).flatMap((tag) => {
    const text = unwrapped(ts.displayPartsToString(tag.text));
    switch (tag.name) {
      case 'param':
        return [`- ${text.replace(/^(\S+)\s*/, '$1: ')}`];
      case 'returns':
      case 'return':
        return [`Returns: ${text}`];
      case 'example':
      case 'throws':
      case 'deprecated':
      case 'see':
        return [`@${tag.name} ${text}`.trimEnd()];
      default:
        return [];
    }
  });
}

export function docstring(ts: TS, documentation: TypeScript.SymbolDisplayPart[] | undefined, tags: TypeScript.JSDocTagInfo[] | undefined): string {
  return readable([unwrapped(ts.displayPartsToString(documentation)), ...tagLines(ts, tags)].filter(Boolean).join('\n'));
}
