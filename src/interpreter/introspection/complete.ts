// complete_request: global names and keywords, or members of the live object a dotted path leads to, found from
// property descriptors only (see live-objects.ts: no getter or function runs to complete).
import { codePointsToIndex, indexToCodePoints } from '../../shared/code-points';
import { isObjectMember, kerasRank, sortedByRank, visible } from '../../shared/completion-order';
import { dottedPathAt, insideLiteralOrComment } from './dotted-path';
import { lex } from '../compile/lexer';
import { descriptorOf, isClass, lookupPath, memberLevels, readMember, type Lookup } from './live-objects';
import { parameterList } from './signature';

export interface CompleteResult {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
  metadata: { _jupyter_types_experimental?: { start: number; end: number; text: string; type: string; signature?: string }[] };
}

const KEYWORDS = [
  // JavaScript
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else',
  'export', 'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'let', 'new', 'null',
  'of', 'return', 'static', 'super', 'switch', 'this', 'throw', 'true', 'try', 'typeof', 'undefined', 'var', 'void',
  'while', 'with', 'yield', 'async',
  // TypeScript
  'abstract', 'any', 'as', 'asserts', 'bigint', 'boolean', 'declare', 'enum', 'implements', 'infer', 'interface',
  'is', 'keyof', 'namespace', 'never', 'number', 'object', 'private', 'protected', 'public', 'readonly', 'satisfies',
  'string', 'symbol', 'type', 'unique', 'unknown',
];
const KEYWORD_SET = new Set(KEYWORDS);

/** Completions that get a signature: reading one costs a parse of the function's source. */
const SIGNED_ITEMS = 20;

/**
 * Member order: Keras's favourites first on a model or layer, then the members level by level (own first), then
 * TensorFlow.js's kernel-name constants (`tf.Abs === 'Abs'`), then Object.prototype's.
 */
function ranked(owner: unknown, names: string[]): string[] {
  const kerasLike = typeof descriptorOf(owner, 'getWeights')?.value === 'function' && typeof descriptorOf(owner, 'apply')?.value === 'function';
  return sortedByRank(names, (name) => {
    const favourite = kerasLike ? kerasRank(name) : undefined;
    if (favourite !== undefined) return favourite;
    if (isObjectMember(name) && !Object.prototype.hasOwnProperty.call(owner, name)) return 2;
    const member = /^[A-Z]/.test(name) ? readMember(owner, name) : null;
    return member?.found && member.value === name ? 1 : 0;
  });
}

const DECLARING = new Set(['const', 'let', 'var', 'function', 'class', 'interface', 'type', 'enum']);

/** Names the code being typed declares (`const zeroOne = 1; zeroO|`): not run yet, so not live, but wanted. */
function declaredInCode(code: string): string[] {
  const tokens = lex(code).tokens.filter((token) => token.type !== 'comment');
  const names: string[] = [];
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i].type === 'name' && DECLARING.has(tokens[i - 1].text)) names.push(tokens[i].text);
  }
  return names;
}

function kindOf(member: Lookup): string {
  if (!member.found) return 'property';
  if (isClass(member.value)) return 'class';
  return typeof member.value === 'function' ? 'function' : 'instance';
}

export function complete(code: string, cursorPos: number, scope: object = globalThis): CompleteResult {
  const cursor = codePointsToIndex(code, cursorPos);
  const none: CompleteResult = { matches: [], cursor_start: cursorPos, cursor_end: cursorPos, metadata: {} };
  if (insideLiteralOrComment(code, cursor)) return none;
  const dotted = dottedPathAt(code, cursor);
  if (!dotted) return none;

  let owner: unknown = scope;
  if (dotted.literal !== null) owner = dotted.literal;
  else if (dotted.path.length > 0) {
    const target = lookupPath(scope, dotted.path);
    if (!target.found) return none;
    owner = target.value;
  }
  const global = dotted.literal === null && dotted.path.length === 0;

  let matches: string[];
  if (global) {
    const names = memberLevels(scope).flat().concat(KEYWORDS, declaredInCode(code.slice(0, dotted.partialStart)));
    matches = [...new Set(names.filter((name) => visible(name, dotted.partial)))].sort();
  } else {
    // Own members first, then each prototype's, each level alphabetical.
    const seen = new Set<string>();
    matches = [];
    for (const level of memberLevels(owner)) {
      const fresh = level.filter((name) => visible(name, dotted.partial) && !seen.has(name)).sort();
      for (const name of fresh) seen.add(name);
      matches.push(...fresh);
    }
    matches = ranked(owner, matches);
  }

  const start = indexToCodePoints(code, dotted.partialStart);
  let signed = 0;
  const types = matches.map((text) => {
    if (global && KEYWORD_SET.has(text) && !descriptorOf(scope, text)) return { start, end: cursorPos, text, type: 'keyword' };
    const member = readMember(owner, text);
    const type = kindOf(member);
    // The first functions' parameter lists, as ipykernel sends them (each is read from the function's source).
    const fn = type === 'function' && member.found ? member.value : null;
    if (typeof fn !== 'function' || signed >= SIGNED_ITEMS) return { start, end: cursorPos, text, type };
    signed++;
    return { start, end: cursorPos, text, type, signature: parameterList(fn) };
  });
  return { matches, cursor_start: start, cursor_end: cursorPos, metadata: { _jupyter_types_experimental: types } };
}
