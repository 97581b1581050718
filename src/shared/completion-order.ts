// Which completions are offered and in what order, for the runtime's (live members) and TypeScript's (declared
// members) alike.

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u;

/** Whether a completion is offered for what is typed: no kernel internals, `_private` names only after `_`. */
export function visible(name: string, partial: string): boolean {
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
const KERAS_RANK = new Map(KERAS_FIRST.map((name, i) => [name, i - KERAS_FIRST.length]));

/** A Keras favourite's rank, below every other member's (0 and up); undefined for the rest. */
export function kerasRank(name: string): number | undefined {
  return KERAS_RANK.get(name);
}

/** A member every object has from Object.prototype (`hasOwnProperty`, `valueOf`). */
export function isObjectMember(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(Object.prototype, name);
}

/** `names` by `rank`, lowest first; equal ranks keep their order. */
export function sortedByRank(names: string[], rank: (name: string) => number): string[] {
  const ranks = new Map(names.map((name) => [name, rank(name)]));
  return names.map((name, i) => ({ name, i })).sort((a, b) => ranks.get(a.name)! - ranks.get(b.name)! || a.i - b.i).map(({ name }) => name);
}

/** For members known only by name (TypeScript's): Keras's favourites first on a model or layer, Object's last. */
export function rankedByName(names: string[]): string[] {
  const kerasLike = names.includes('getWeights') && names.includes('apply');
  return sortedByRank(names, (name) => (kerasLike ? kerasRank(name) : undefined) ?? (isObjectMember(name) ? 1 : 0));
}
