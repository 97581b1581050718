// Keras's positional forms of fit/evaluate/predict: `fit(x, y, batch_size, epochs, verbose, callbacks,
// validation_split, ...)` in Keras 3's order, beside the options object (or both: positional first, options last).
import { ValueError } from '../errors';
import { camelKey, camelToSnake, Options } from '../options';

/** Keras 3's positional parameters after x and y (after x for predict), in order, camelCase. */
export const POSITIONAL = {
  fit: [
    'batchSize', 'epochs', 'verbose', 'callbacks', 'validationSplit', 'validationData', 'shuffle', 'classWeight',
    'sampleWeight', 'initialEpoch', 'stepsPerEpoch', 'validationSteps', 'validationBatchSize', 'validationFreq',
  ],
  evaluate: ['batchSize', 'verbose', 'sampleWeight', 'steps', 'callbacks', 'returnDict'],
  predict: ['batchSize', 'verbose', 'steps', 'callbacks'],
} as const;

/** Parameters Keras has that only make sense for a dataset here (`steps_per_epoch`...), by method. */
const DATASET_ONLY: Record<string, readonly string[]> = {
  fit: ['stepsPerEpoch', 'validationSteps'],
  evaluate: ['steps'],
  predict: ['steps'],
};

function isPlainObject(value: unknown): value is Options {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A class_weight dict (`{0: 1, 1: 5}`) rather than an options object. */
function isClassWeight(value: Options): boolean {
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((k) => /^\d+$/.test(k));
}

/**
 * The options object for `method` from what followed x and y: positional values (null or undefined = Keras's None,
 * not given) and a final options object, in snake_case or camelCase. `forDataset` allows `steps`-like parameters.
 */
export function methodOptions(method: keyof typeof POSITIONAL, args: readonly unknown[], forDataset = false): Options {
  const names: readonly string[] = POSITIONAL[method];
  let positional = args.slice();
  let given: Options = {};
  const last = positional[positional.length - 1];
  const classWeightAt = names.indexOf('classWeight');
  if (isPlainObject(last) && !(positional.length - 1 === classWeightAt && isClassWeight(last))) {
    given = last;
    positional = positional.slice(0, -1);
  }
  if (positional.length > names.length) {
    throw new TypeError(`${method}() takes at most ${names.length + (method === 'predict' ? 1 : 2)} positional arguments (${(method === 'predict' ? ['x'] : ['x', 'y']).concat(names.map(camelToSnake)).join(', ')}), but ${positional.length + (method === 'predict' ? 1 : 2)} were given.`);
  }
  // The options object keeps the user's spelling, for the unknown-option errors fit/evaluate/predict give.
  const options: Options = { ...given };
  const has = (key: string) => Object.keys(options).some((k) => camelKey(k) === key && options[k] !== undefined && options[k] !== null);
  positional.forEach((value, i) => {
    if (value === undefined || value === null) return;
    const key = names[i];
    if (has(key)) throw new TypeError(`${method}() got multiple values for argument '${camelToSnake(key)}'.`);
    options[key] = value;
  });
  if (!forDataset) {
    for (const key of DATASET_ONLY[method]) {
      if (has(key)) {
        throw new ValueError(`${method}: \`${camelToSnake(key)}\` is only supported when \`x\` is a tf.data dataset; with arrays, every sample is used once per epoch in batches of \`batch_size\`.`);
      }
    }
  }
  if (method !== 'fit' && has('callbacks')) {
    throw new ValueError(`${method}: \`callbacks\` are not supported here; only fit() runs callbacks.`);
  }
  return options;
}
