// Binary values in widget state travel as message buffers: each one is taken out of the state and its place named by
// a path (`buffer_paths`), as the widget protocol 2 does; incoming buffers are put back at their paths.
import type { JsonObject } from '../../../protocol/messages';
import type { PathPart } from './protocol';

/** A state with its binary values taken out: what goes in the message's content, and its buffers. */
export interface SplitState<T> {
  state: T;
  bufferPaths: PathPart[][];
  buffers: Uint8Array[];
}

function isBinary(value: unknown): value is Uint8Array | ArrayBuffer | DataView {
  return value instanceof Uint8Array || value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

function bytesOf(value: Uint8Array | ArrayBuffer | ArrayBufferView): Uint8Array {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * Copies `state` without its binary values (typed arrays, ArrayBuffers, DataViews, at any depth): a value in an object
 * is left out, one in an array becomes null. Returns the copy, the path of each value and its bytes.
 */
export function removeBuffers<T>(state: T): SplitState<T> {
  const bufferPaths: PathPart[][] = [];
  const buffers: Uint8Array[] = [];
  const walk = (value: unknown, path: PathPart[]): unknown => {
    if (Array.isArray(value)) {
      return value.map((item, i) => {
        if (!isBinary(item)) return walk(item, [...path, i]);
        bufferPaths.push([...path, i]);
        buffers.push(bytesOf(item));
        return null;
      });
    }
    if (typeof value !== 'object' || value === null) return value;
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value)) {
      if (isBinary(item)) {
        bufferPaths.push([...path, key]);
        buffers.push(bytesOf(item));
      } else {
        out[key] = walk(item, [...path, key]);
      }
    }
    return out;
  };
  return { state: walk(state, []) as T, bufferPaths, buffers };
}

/**
 * Puts each buffer back into `state` (in place) at its path. Paths come from a frontend: one that is not a list of
 * keys and indexes, that leads nowhere, or that has no buffer is skipped, never thrown on; so are keys that would
 * reach an object's prototype.
 */
export function putBuffers(state: JsonObject, bufferPaths: unknown, buffers: Uint8Array[]): void {
  if (!Array.isArray(bufferPaths)) return;
  bufferPaths.forEach((path: unknown, i) => {
    const buffer = buffers[i];
    if (buffer === undefined || !Array.isArray(path) || path.length === 0) return;
    if (!path.every((part) => typeof part === 'string' || (Number.isInteger(part) && part >= 0))) return;
    if (path.some((part) => part === '__proto__' || part === 'constructor' || part === 'prototype')) return;
    let target: unknown = state;
    for (const part of path.slice(0, -1)) {
      if (typeof target !== 'object' || target === null) return;
      target = (target as Record<PathPart, unknown>)[part];
    }
    if (typeof target !== 'object' || target === null) return;
    (target as Record<PathPart, unknown>)[path[path.length - 1] as PathPart] = buffer;
  });
}
