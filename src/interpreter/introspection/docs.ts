// JSDoc for inspect: esbuild drops comments, so the `/** ... */` written just before a top-level declaration is
// read from the cell's TypeScript source with the tokenizer, and kept by declared name until a later cell
// declares that name again.
import { lex, type Token } from '../compile/lexer';

const MODIFIERS = new Set(['export', 'default', 'declare', 'async', 'abstract']);
const NAMED_BY_NEXT = new Set(['function', 'class', 'enum', 'interface', 'type', 'namespace', 'module', 'const', 'let', 'var']);

/** The text of a doc comment without its delimiters and leading `*`s. */
export function cleanDocComment(comment: string): string {
  return comment
    .replace(/^\/\*\*/, '')
    .replace(/\*\/$/, '')
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

/** Skips a decorator (`@name.path(args)`) starting at `i`; returns the index after it. */
function skipDecorator(tokens: Token[], i: number): number {
  i++;
  while (tokens[i]?.type === 'name' && tokens[i + 1]?.text === '.') i += 2;
  if (tokens[i]?.type === 'name') i++;
  if (tokens[i]?.text !== '(') return i;
  let depth = 0;
  for (; i < tokens.length; i++) {
    if (tokens[i].text === '(') depth++;
    else if (tokens[i].text === ')' && --depth === 0) return i + 1;
  }
  return i;
}

/** The name a declaration starting at token `i` declares, or null (destructuring, an expression...). */
function declaredName(tokens: Token[], i: number): string | null {
  while (i < tokens.length) {
    const token = tokens[i];
    if (token.text === '@') i = skipDecorator(tokens, i);
    else if (token.type === 'name' && MODIFIERS.has(token.text)) i++;
    else break;
  }
  const keyword = tokens[i];
  if (!keyword || keyword.type !== 'name' || !NAMED_BY_NEXT.has(keyword.text)) return null;
  i++;
  if (tokens[i]?.text === '*' || (keyword.text === 'const' && tokens[i]?.text === 'enum')) i++;
  return tokens[i]?.type === 'name' ? tokens[i].text : null;
}

/** Top-level declared names → their doc comment, for one cell's TypeScript source (or its tokens, if lexed). */
export function extractDocComments(tsSource: string, all: readonly Token[] = lex(tsSource).tokens): Map<string, string> {
  const docs = new Map<string, string>();
  let depth = 0;
  all.forEach((token, index) => {
    if (token.type === 'punct' && (token.text === '(' || token.text === '[' || token.text === '{')) depth++;
    else if (token.type === 'punct' && (token.text === ')' || token.text === ']' || token.text === '}')) depth--;
    if (depth !== 0 || token.type !== 'comment' || !token.text.startsWith('/**') || token.text === '/**/') return;
    const rest = all.slice(index + 1).filter((next) => next.type !== 'comment' || next.text.startsWith('/**'));
    if (rest[0]?.type === 'comment') return; // another doc comment follows: that one documents the declaration
    const name = declaredName(rest, 0);
    if (name) docs.set(name, cleanDocComment(token.text));
  });
  return docs;
}

export class DocRegistry {
  private readonly docs = new Map<string, string>();

  /**
   * Records a cell's doc comments; names it declares without one lose the doc an earlier cell gave them. `tokens`:
   * the cell's lex, when the caller has it.
   */
  addCell(tsSource: string, declaredNames: string[], tokens?: readonly Token[]): void {
    const found = extractDocComments(tsSource, tokens);
    for (const name of declaredNames) if (!found.has(name)) this.docs.delete(name);
    for (const [name, doc] of found) this.docs.set(name, doc);
  }

  get(name: string): string | undefined {
    return this.docs.get(name);
  }
}

/** The registry the executor's cells feed (through registerCell) and inspect reads. */
export const docRegistry = new DocRegistry();
