// The builtins that the executor's own code and the libraries it runs between cells (esbuild's API, acorn, source
// maps, the display pipeline) rely on, recorded once the kernel has started and before any cell runs. A cell may
// replace or delete them (`Promise = undefined`, `Array.prototype.map = null`), or add a `then` that makes every
// object a thenable (`Object.prototype.then = function () {}`): the kernel puts them back whenever it takes over
// again (a request, a cell's end, a stray error) and says which on stderr. Math and Date are left alone (a seeded
// Math.random or a fixed clock is a fair thing for a notebook to install), and so are names a notebook may well use
// for its own variables, such as Buffer or URL.
//
// This module runs while user code may have broken any builtin, so it only calls what it captured at load.
const { defineProperty, deleteProperty, getOwnPropertyDescriptor, getPrototypeOf, ownKeys, setPrototypeOf } = Reflect;
const { is } = Object;

const GLOBAL_NAMES = [
  'globalThis', 'Object', 'Function', 'Array', 'String', 'Number', 'Boolean', 'Symbol', 'BigInt', 'Promise', 'Proxy',
  'Reflect', 'JSON', 'Error', 'TypeError', 'RangeError', 'SyntaxError', 'ReferenceError', 'EvalError', 'URIError',
  'AggregateError', 'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'RegExp', 'ArrayBuffer',
  'SharedArrayBuffer', 'DataView', 'Atomics', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array',
  'Uint16Array', 'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
  'parseInt', 'parseFloat', 'isNaN', 'isFinite', 'encodeURIComponent', 'decodeURIComponent', 'encodeURI', 'decodeURI',
  'TextEncoder', 'TextDecoder', 'queueMicrotask', 'structuredClone', 'setTimeout', 'setInterval',
  'setImmediate', 'clearTimeout', 'clearInterval', 'clearImmediate', '__tsdl',
];

/** Intrinsics no global names: iterators, generators, async functions, %TypedArray%. */
function hiddenIntrinsics(): [string, object][] {
  const generatorFunction = getPrototypeOf(function* () {}) as object;
  const asyncGeneratorFunction = getPrototypeOf(async function* () {}) as object;
  const arrayIterator = getPrototypeOf([][Symbol.iterator]()) as object;
  const asyncGenerator = (asyncGeneratorFunction as { prototype: object }).prototype;
  const typedArray = getPrototypeOf(Uint8Array) as { prototype: object };
  return [
    ['%TypedArray%', typedArray],
    ['%TypedArray%.prototype', typedArray.prototype],
    ['%IteratorPrototype%', getPrototypeOf(arrayIterator) as object],
    ['%ArrayIteratorPrototype%', arrayIterator],
    ['%StringIteratorPrototype%', getPrototypeOf(''[Symbol.iterator]()) as object],
    ['%MapIteratorPrototype%', getPrototypeOf(new Map()[Symbol.iterator]()) as object],
    ['%SetIteratorPrototype%', getPrototypeOf(new Set()[Symbol.iterator]()) as object],
    ['%RegExpStringIteratorPrototype%', getPrototypeOf(/a/[Symbol.matchAll]('')) as object],
    ['%GeneratorFunction.prototype%', generatorFunction],
    ['%GeneratorPrototype%', (generatorFunction as { prototype: object }).prototype],
    ['%AsyncFunction.prototype%', getPrototypeOf(async function () {}) as object],
    ['%AsyncGeneratorFunction.prototype%', asyncGeneratorFunction],
    ['%AsyncGeneratorPrototype%', asyncGenerator],
    ['%AsyncIteratorPrototype%', getPrototypeOf(asyncGenerator) as object],
  ];
}

interface Slot {
  target: object;
  key: PropertyKey;
  descriptor: PropertyDescriptor;
  name: string;
}

interface Holder {
  target: object;
  name: string;
  prototype: object | null;
  /** Whether it had an own `then` (only Promise.prototype does); one added later is taken back out. */
  hadThen: boolean;
}

let slots: Slot[] = [];
let holders: Holder[] = [];

function keyName(key: PropertyKey): string {
  return typeof key === 'symbol' ? `[${key.description}]` : `.${String(key)}`;
}

/** Properties a notebook may set without harm: tunables such as Error.stackTraceLimit, and Error.prepareStackTrace. */
function isTunable(target: object, key: PropertyKey, descriptor: PropertyDescriptor): boolean {
  if (target === Error && key === 'prepareStackTrace') return true;
  const value: unknown = descriptor.value;
  return descriptor.writable === true && (value === null || (typeof value !== 'object' && typeof value !== 'function'));
}

function watch(target: object, key: PropertyKey, name: string): void {
  const descriptor = getOwnPropertyDescriptor(target, key);
  // What can never change needs no watching.
  if (!descriptor || (descriptor.configurable === false && descriptor.writable !== true)) return;
  if (!isTunable(target, key, descriptor)) slots.push({ target, key, descriptor, name });
}

function guard(target: object, name: string, seen: Set<object>): void {
  if (seen.has(target)) return;
  seen.add(target);
  holders.push({ target, name, prototype: getPrototypeOf(target), hadThen: getOwnPropertyDescriptor(target, 'then') !== undefined });
  for (const key of ownKeys(target)) watch(target, key, name + keyName(key));
}

/**
 * Records the builtins as they are now: call once the kernel's own set-up is done, before any user code. Of the
 * global object only the names above are watched: the rest (display, input, URL, ...) are the user's to reuse.
 */
export function recordIntrinsics(): void {
  slots = [];
  holders = [];
  const seen = new Set<object>([globalThis]);
  const global = globalThis as unknown as Record<string, unknown>;
  for (const name of GLOBAL_NAMES) {
    // Read before recording: Node defines some globals (TextEncoder, TextDecoder) as accessors that replace
    // themselves with their value on the first read, which would otherwise look like a cell replacing them.
    const value = global[name];
    watch(globalThis, name, name);
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) continue;
    guard(value, name, seen);
    // Function.prototype is itself a function.
    const prototype = (value as { prototype?: unknown }).prototype;
    if (typeof value === 'function' && (typeof prototype === 'object' || typeof prototype === 'function') && prototype !== null) {
      guard(prototype, `${name}.prototype`, seen);
    }
  }
  for (const [name, value] of hiddenIntrinsics()) guard(value, name, seen);
}

function unchanged(now: PropertyDescriptor | undefined, recorded: PropertyDescriptor): boolean {
  return (
    now !== undefined &&
    is(now.value, recorded.value) &&
    now.get === recorded.get &&
    now.set === recorded.set &&
    now.writable === recorded.writable &&
    now.enumerable === recorded.enumerable &&
    now.configurable === recorded.configurable
  );
}

/**
 * Puts back every recorded builtin that user code replaced, deleted or re-parented, and takes out an added `then`.
 * Returns what it put back, and what it could not (a property the code made non-configurable).
 */
function restoreIntrinsics(): { restored: string[]; stuck: string[] } {
  const restored: string[] = [];
  const stuck: string[] = [];
  // Indexed writes, not push(): Array.prototype.push may be what was broken.
  const note = (done: boolean, name: string): void => {
    if (done) restored[restored.length] = name;
    else stuck[stuck.length] = name;
  };
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i];
    const now = getOwnPropertyDescriptor(slot.target, slot.key);
    if (unchanged(now, slot.descriptor)) continue;
    const done = defineProperty(slot.target, slot.key, slot.descriptor);
    note(done, slot.name);
    // What cannot be put back is reported once, then taken as it is.
    if (!done && now) slot.descriptor = now;
  }
  for (let i = 0; i < holders.length; i++) {
    const holder = holders[i];
    if (getPrototypeOf(holder.target) !== holder.prototype) {
      note(setPrototypeOf(holder.target, holder.prototype), `the prototype of ${holder.name}`);
    }
    if (!holder.hadThen && getOwnPropertyDescriptor(holder.target, 'then') !== undefined) {
      note(deleteProperty(holder.target, 'then'), `${holder.name}.then`);
    }
  }
  return { restored, stuck };
}

/** restoreIntrinsics(), reported on stderr (to the request that is current) when it had anything to do. */
export function reclaimIntrinsics(): void {
  const { restored, stuck } = restoreIntrinsics();
  if (restored.length > 0) {
    process.stderr.write(`tsdl: put back builtins that the code replaced, which the kernel relies on: ${restored.join(', ')}\n`);
  }
  if (stuck.length > 0) {
    process.stderr.write(`tsdl: could not put back ${stuck.join(', ')}: the kernel may misbehave until it restarts\n`);
  }
}
