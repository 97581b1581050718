// Looking into live objects for completion and inspection without running user code: only property descriptors
// are read, only data properties (`value`) are followed, proxies are not entered (their traps are user code), and
// no getter or function is ever called — except Node's own lazy global getters (process, Buffer, crypto, ...),
// recognised by identity with the getters present when this module loaded, before any cell ran, and the export
// getters of the preloaded library namespaces (`tf.zeros`, `layers.Dense`), which only return a binding.
import { types } from 'util';

const NODE_GLOBAL_GETTERS = new Set<unknown>(
  Object.getOwnPropertyNames(globalThis)
    .map((name) => Object.getOwnPropertyDescriptor(globalThis, name)?.get)
    .filter((getter) => getter !== undefined),
);

/** The object whose properties a value shows: primitives show their wrapper's prototype. */
export function asObject(value: unknown): object | null {
  switch (typeof value) {
    case 'object':
      return value;
    case 'function':
      return value;
    case 'string':
      return String.prototype;
    case 'number':
      return Number.prototype;
    case 'boolean':
      return Boolean.prototype;
    case 'bigint':
      return BigInt.prototype;
    case 'symbol':
      return Symbol.prototype;
    default:
      return null;
  }
}

/** The prototype chain from `object` itself, stopping before any proxy. */
export function chainOf(object: object | null): object[] {
  const chain: object[] = [];
  for (let current = object; current !== null && !types.isProxy(current); current = Object.getPrototypeOf(current)) {
    chain.push(current);
  }
  return chain;
}

export function descriptorOf(value: unknown, key: string): PropertyDescriptor | undefined {
  for (const level of chainOf(asObject(value))) {
    const descriptor = Object.getOwnPropertyDescriptor(level, key);
    if (descriptor) return descriptor;
  }
  return undefined;
}

/** Namespaces whose accessors are a bundler's or CommonJS's export bindings, safe to read. */
const libraryNamespaces = new WeakSet<object>();

/**
 * Marks a preloaded library namespace (and the plain namespaces its exports lead to, such as `tf.layers`) as one
 * whose getters completion and inspection may read.
 */
export function trustNamespace(namespace: unknown): void {
  if (typeof namespace !== 'object' || namespace === null || types.isProxy(namespace) || libraryNamespaces.has(namespace)) return;
  libraryNamespaces.add(namespace);
}

function isPlainNamespace(value: unknown): value is object {
  if (typeof value !== 'object' || value === null || types.isProxy(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === null || prototype === Object.prototype;
}

/** The value behind `key` of `owner` when reading it runs no user code; `found: false` otherwise. */
export function readMember(owner: unknown, key: string): Lookup {
  const descriptor = descriptorOf(owner, key);
  if (!descriptor) return { found: false };
  if ('value' in descriptor) return { found: true, value: descriptor.value };
  if (owner === globalThis && NODE_GLOBAL_GETTERS.has(descriptor.get)) return { found: true, value: descriptor.get!.call(globalThis) };
  if (typeof owner === 'object' && owner !== null && libraryNamespaces.has(owner) && descriptor.get) {
    const value: unknown = descriptor.get.call(owner);
    if (isPlainNamespace(value)) trustNamespace(value);
    return { found: true, value };
  }
  return { found: false };
}

export type Lookup = { found: true; value: unknown } | { found: false };

/** `scope[path[0]][path[1]]...`, following data properties only. */
export function lookupPath(scope: object, path: string[]): Lookup {
  let value: unknown = scope;
  for (const key of path) {
    const member = readMember(value, key);
    if (!member.found) return member;
    value = member.value;
  }
  return { found: true, value };
}

/**
 * Property names by prototype level, own level first. Index keys of arrays and typed arrays are left out (a big
 * array would list millions).
 */
export function memberLevels(value: unknown): string[][] {
  return chainOf(asObject(value)).map((level) => {
    const names = Object.getOwnPropertyNames(level);
    return Array.isArray(level) || ArrayBuffer.isView(level) ? names.filter((name) => !/^\d+$/.test(name)) : names;
  });
}

export function isClass(value: unknown): boolean {
  return typeof value === 'function' && /^class\b/.test(Function.prototype.toString.call(value));
}
