// is_complete from a real parse: esbuild (through compile/, as cells are compiled) decides whether the cell parses;
// when it does not, the error and the tokenizer's view of what is still open tell "needs more lines" (incomplete)
// from "wrong" (invalid).
import { lex } from '../compile/lexer';
import { parseError } from '../compile/transpile';
import { helpSyntax } from './help-syntax';

export type IsCompleteResult = { status: 'complete' } | { status: 'incomplete'; indent: string } | { status: 'invalid' };

const INDENT_UNIT = '  ';

/** Whether the cell can run as it is, needs more lines (with the indent for the next one), or cannot be fixed so. */
export function isComplete(tsSource: string): IsCompleteResult {
  // `name?` is IPython's help, not TypeScript: it runs as it is.
  if (helpSyntax(tsSource)) return { status: 'complete' };
  const error = parseError(tsSource);
  if (error === null) return { status: 'complete' };
  const { open, unterminated, mismatched } = lex(tsSource);
  if (mismatched) return { status: 'invalid' };
  const cutShort =
    error.includes('end of file') || unterminated === 'template' || unterminated === 'comment' || unterminated === 'string';
  return cutShort ? { status: 'incomplete', indent: INDENT_UNIT.repeat(open.length) } : { status: 'invalid' };
}
