// A small TypeScript-aware tokenizer for the questions that need the *source* rather than esbuild's output:
// does the cell end with `;`, which brackets are still open, is the cursor inside a string or comment, and which
// `/** */` comment precedes a declaration (esbuild drops comments). It never fails: unknown characters become
// punctuation, and unterminated constructs are reported instead of thrown.

export type TokenType = 'name' | 'number' | 'string' | 'template' | 'regex' | 'comment' | 'punct';

export interface Token {
  type: TokenType;
  start: number;
  end: number;
  /** The token's source text. */
  text: string;
}

export interface LexResult {
  tokens: Token[];
  /** Brackets still open at the end, innermost last: '(', '[', '{' or '${' (inside a template literal). */
  open: string[];
  /** A construct the end of input cut short. */
  unterminated: 'string' | 'template' | 'comment' | 'regex' | null;
  /** A closing bracket that did not match the innermost open one. */
  mismatched: boolean;
}

const CLOSING: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

// After these words an expression starts, so a `/` begins a regular expression rather than a division.
const EXPRESSION_KEYWORDS = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield',
  'await',
]);

const PUNCTUATORS = [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=',
  '**', '<<', '>>',
];

const isIdStart = (ch: string): boolean => /[\p{ID_Start}$_\\]/u.test(ch);
const isIdPart = (ch: string): boolean => /[\p{ID_Continue}$\u200c\u200d\\]/u.test(ch);

export function lex(source: string): LexResult {
  const tokens: Token[] = [];
  const open: string[] = [];
  let unterminated: LexResult['unterminated'] = null;
  let mismatched = false;
  let pos = 0;

  const push = (type: TokenType, start: number): void => {
    tokens.push({ type, start, end: pos, text: source.slice(start, pos) });
  };

  const lastSignificant = (): Token | undefined => {
    for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i].type !== 'comment') return tokens[i];
    return undefined;
  };

  const regexAllowed = (): boolean => {
    const prev = lastSignificant();
    if (!prev) return true;
    if (prev.type === 'name') return EXPRESSION_KEYWORDS.has(prev.text);
    if (prev.type === 'punct') return !(prev.text === ')' || prev.text === ']' || prev.text === '}');
    return false;
  };

  // Scans template characters from `pos` (just after '`' or the '}' closing a substitution) to the next '`' or '${'.
  const scanTemplate = (start: number): void => {
    while (pos < source.length) {
      const ch = source[pos];
      if (ch === '\\') pos += 2;
      else if (ch === '`') {
        pos++;
        push('template', start);
        return;
      } else if (ch === '$' && source[pos + 1] === '{') {
        pos += 2;
        push('template', start);
        open.push('${');
        return;
      } else pos++;
    }
    pos = source.length;
    push('template', start);
    unterminated = 'template';
  };

  while (pos < source.length) {
    const start = pos;
    const ch = source[pos];
    const next = source[pos + 1];
    if (/\s/.test(ch)) {
      pos++;
    } else if (ch === '/' && next === '/') {
      while (pos < source.length && source[pos] !== '\n' && source[pos] !== '\r') pos++;
      push('comment', start);
    } else if (ch === '/' && next === '*') {
      const close = source.indexOf('*/', pos + 2);
      pos = close < 0 ? source.length : close + 2;
      push('comment', start);
      if (close < 0) unterminated = 'comment';
    } else if (ch === '"' || ch === "'") {
      pos++;
      let closed = false;
      while (pos < source.length) {
        const c = source[pos];
        if (c === '\\') pos += 2;
        else if (c === ch) {
          pos++;
          closed = true;
          break;
        } else if (c === '\n' || c === '\r') break;
        else pos++;
      }
      pos = Math.min(pos, source.length);
      push('string', start);
      if (!closed && pos >= source.length) unterminated = 'string';
    } else if (ch === '`') {
      pos++;
      scanTemplate(start);
    } else if (ch === '/' && regexAllowed()) {
      pos++;
      let inClass = false;
      let closed = false;
      while (pos < source.length) {
        const c = source[pos];
        if (c === '\\') pos += 2;
        else if (c === '\n' || c === '\r') break;
        else {
          pos++;
          if (c === '[') inClass = true;
          else if (c === ']') inClass = false;
          else if (c === '/' && !inClass) {
            closed = true;
            break;
          }
        }
      }
      while (closed && pos < source.length && isIdPart(source[pos])) pos++;
      pos = Math.min(pos, source.length);
      push('regex', start);
      if (!closed && pos >= source.length) unterminated = 'regex';
    } else if (/[0-9]/.test(ch) || (ch === '.' && next !== undefined && /[0-9]/.test(next))) {
      pos++;
      while (pos < source.length && /[0-9a-zA-Z_.]/.test(source[pos])) pos++;
      push('number', start);
    } else if (isIdStart(ch) || ch === '#' || /[\uD800-\uDBFF]/.test(ch)) {
      // Surrogate pairs are taken whole so astral identifier characters stay in one token.
      pos += ch.codePointAt(0)! > 0xffff ? 2 : 1;
      while (pos < source.length) {
        const cp = source.codePointAt(pos)!;
        const c = String.fromCodePoint(cp);
        if (!isIdPart(c)) break;
        pos += c.length;
      }
      push('name', start);
    } else if (ch === '}' && open[open.length - 1] === '${') {
      open.pop();
      pos++;
      scanTemplate(start);
    } else {
      const punct = PUNCTUATORS.find((p) => source.startsWith(p, pos)) ?? ch;
      pos += punct.length;
      push('punct', start);
      if (punct === '(' || punct === '[' || punct === '{') open.push(punct);
      else if (punct in CLOSING) {
        if (open[open.length - 1] === CLOSING[punct]) open.pop();
        else mismatched = true;
      }
    }
  }
  return { tokens, open, unterminated, mismatched };
}
