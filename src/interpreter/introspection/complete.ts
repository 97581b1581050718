// complete_request: global names and keywords, or members of the live object a dotted path leads to, found from
// property descriptors only (see live-objects.ts: no getter or function runs to complete).
import { codePointsToIndex, dottedPathAt, indexToCodePoints, insideLiteralOrComment } from './dotted-path';
import { lex } from '../compile/lexer';
import { descriptorOf, isClass, lookupPath, memberLevels, readMember } from './live-objects';

export interface CompleteResult {
  matches: string[];
  cursor_start: number;
  cursor_end: number;
  metadata: { _jupyter_types_experimental?: { start: number; end: number; text: string; type: string }[] };
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

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

function visible(name: string, partial: string): boolean {
  if (!name.startsWith(partial) || !IDENTIFIER.test(name)) return false;
  if (name.startsWith('__tsdl')) return false;
  // Private (`_trainable`) and dunder names (`__proto__`) only when asked for.
  return !name.startsWith('_') || partial.startsWith('_');
}

/** What a Keras user reaches for on a model or layer, in that order, ahead of everything else it has. */
const KERAS_FIRST = [
  'fit', 'compile', 'evaluate', 'predict', 'summary', 'save', 'layers', 'getLayer', 'get_layer', 'getWeights',
  'get_weights', 'setWeights', 'set_weights', 'countParams', 'count_params', 'input', 'output', 'inputs', 'outputs',
  'name', 'trainable', 'weights', 'trainableWeights', 'trainable_weights', 'optimizer', 'stopTraining', 'add', 'pop',
  'apply', 'call', 'build', 'getConfig', 'get_config',
];
const KERAS_RANK = new Map(KERAS_FIRST.map((name, i) => [name, i]));

/**
 * Member order: Keras's favourites first on a model or layer, then the members level by level (own first), then
 * TensorFlow.js's kernel-name constants (`tf.Abs === 'Abs'`), then Object.prototype's.
 */
function ranked(owner: unknown, names: string[]): string[] {
  const kerasLike = typeof descriptorOf(owner, 'getWeights')?.value === 'function' && typeof descriptorOf(owner, 'apply')?.value === 'function';
  const rank = (name: string): number => {
    if (kerasLike && KERAS_RANK.has(name)) return KERAS_RANK.get(name)! - KERAS_FIRST.length;
    if (Object.prototype.hasOwnProperty.call(Object.prototype, name) && !Object.prototype.hasOwnProperty.call(owner, name)) return 2;
    const member = /^[A-Z]/.test(name) ? readMember(owner, name) : null;
    return member?.found && member.value === name ? 1 : 0;
  };
  const ranks = new Map(names.map((name) => [name, rank(name)]));
  return names.map((name, i) => ({ name, i })).sort((a, b) => ranks.get(a.name)! - ranks.get(b.name)! || a.i - b.i).map(({ name }) => name);
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

function kindOf(owner: unknown, name: string): string {
  const member = readMember(owner, name);
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
  const types = matches.map((text) => ({
    start,
    end: cursorPos,
    text,
    type: global && KEYWORD_SET.has(text) && !descriptorOf(scope, text) ? 'keyword' : kindOf(owner, text),
  }));
  return { matches, cursor_start: start, cursor_end: cursorPos, metadata: { _jupyter_types_experimental: types } };
}
