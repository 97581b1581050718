// is_complete from a real parse: esbuild decides whether the cell parses; when it does not, the error and the
// tokenizer's view of what is still open tell "needs more lines" (incomplete) from "wrong" (invalid).
import { transformSync } from 'esbuild';
import { lex } from './lexer';

export type IsCompleteResult = { status: 'complete' } | { status: 'incomplete'; indent: string } | { status: 'invalid' };

const INDENT_UNIT = '  ';

function parseError(source: string): string | null {
  try {
    transformSync(source, { loader: 'ts', format: 'esm', target: 'es2022' });
    return null;
  } catch (error) {
    const errors = (error as { errors?: { text: string }[] }).errors;
    return errors?.[0]?.text ?? String(error);
  }
}

export function isComplete(tsSource: string): IsCompleteResult {
  const error = parseError(tsSource);
  if (error === null) return { status: 'complete' };
  const { open, unterminated, mismatched } = lex(tsSource);
  if (mismatched) return { status: 'invalid' };
  const cutShort =
    error.includes('end of file') || unterminated === 'template' || unterminated === 'comment' || unterminated === 'string';
  return cutShort ? { status: 'incomplete', indent: INDENT_UNIT.repeat(open.length) } : { status: 'invalid' };
}
