// Reads the dotted expression that ends at a cursor (`model.layers[0].na`, `tf.random`, `'abc'.len`), for
// completion and inspection.
import { lex } from '../compile/lexer';
import { identifierStart } from '../../shared/code-points';

export interface DottedPath {
  /** The keys from the root scope to the object whose members are wanted (empty: the global scope). */
  path: string[];
  /** A string literal the path starts from (`'abc'.` completes String members); null otherwise. */
  literal: string | null;
  /** The identifier being typed, and where it starts (UTF-16 index). */
  partial: string;
  partialStart: number;
}

const ID_START = /[\p{ID_Start}$_]/u;

function skipSpaceBack(text: string, i: number): number {
  while (i > 0 && /\s/.test(text[i - 1])) i--;
  return i;
}

const QUOTED = /^(['"])((?:\\.|(?!\1).)*)\1$/;

function unquote(literal: string): string | null {
  const match = QUOTED.exec(literal);
  return match ? match[2].replace(/\\(.)/g, '$1') : null;
}

/** True when `index` is inside a string, comment, regular expression or template text. */
export function insideLiteralOrComment(code: string, index: number): boolean {
  const prefix = code.slice(0, index);
  const { tokens, unterminated, open } = lex(prefix);
  if (unterminated === 'template') return open[open.length - 1] !== '${';
  if (unterminated) return true;
  const last = tokens[tokens.length - 1];
  return last !== undefined && last.type === 'comment' && last.end === prefix.length && last.text.startsWith('//');
}

/** The dotted path ending at `index` (UTF-16), or null where no member expression can end there. */
export function dottedPathAt(code: string, index: number): DottedPath | null {
  const partialStart = identifierStart(code, index);
  const partial = code.slice(partialStart, index);
  if (partial && !ID_START.test(String.fromCodePoint(partial.codePointAt(0)!))) return null;
  const path: string[] = [];
  let literal: string | null = null;
  let i = partialStart;
  for (;;) {
    const dot = skipSpaceBack(code, i);
    if (code[dot - 1] !== '.' || code[dot - 2] === '.') break;
    i = skipSpaceBack(code, code[dot - 2] === '?' ? dot - 2 : dot - 1);
    if (code[i - 1] === ']') {
      const open = code.lastIndexOf('[', i - 1);
      const key = open < 0 ? null : code.slice(open + 1, i - 1).trim();
      const name = key === null ? null : /^\d+$/.test(key) ? key : unquote(key);
      if (name === null) return null;
      path.push(name);
      i = skipSpaceBack(code, open);
      const start = identifierStart(code, i);
      if (start === i) return null;
      path.push(code.slice(start, i));
      i = start;
    } else if (code[i - 1] === '"' || code[i - 1] === "'") {
      const quote = code[i - 1];
      const open = code.lastIndexOf(quote, i - 2);
      literal = open < 0 ? null : unquote(code.slice(open, i));
      if (literal === null) return null;
      break;
    } else {
      const start = identifierStart(code, i);
      const name = code.slice(start, i);
      if (!name || !ID_START.test(String.fromCodePoint(name.codePointAt(0)!))) return null;
      path.push(name);
      i = start;
    }
  }
  return { path: path.reverse(), literal, partial, partialStart };
}
