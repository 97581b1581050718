// What the kernel and the language service's process say to each other. Positions are UTF-16 indexes into the
// cell's code (the main thread converts Jupyter's code-point cursors).
import type { Description } from '../shared/description';

/** One completion TypeScript offers, with its kind in JupyterLab's words and, for a function, its signature. */
export interface TypedItem {
  name: string;
  kind: string;
  signature?: string;
}

export interface TypedCompletion {
  /** Where the word being completed starts. */
  start: number;
  /** TypeScript's order: the cell's own names first, then by kind of completion, each group alphabetical. */
  items: TypedItem[];
  /** True after a `.`: members of a value's type. */
  member: boolean;
}

/** TypeScript's description: its declaration or signature and doc; at detail level 1 the declaration's text. */
export type TypedDescription = Description;

/** Each request to the language service, with what it asks and what it answers. */
export interface TypesCalls {
  /** `live`: the names the runtime offers (and signs) already, which TypeScript need not sign. */
  complete: { ask: { code: string; cursor: number; live: string[] }; answer: TypedCompletion | null };
  inspect: { ask: { code: string; cursor: number; detail: number }; answer: TypedDescription | null };
}

export type TypesRequestType = keyof TypesCalls;

export type ToTypes =
  /** Cells that ran, in order. */
  | { type: 'cells'; codes: string[] }
  /** `until`: when the asker stops waiting (Date.now() time); a request still queued then is not worth answering. */
  | { [T in TypesRequestType]: { type: T; id: number; until: number } & TypesCalls[T]['ask'] }[TypesRequestType];

export type FromTypes = { type: 'answer'; id: number; answer: TypesCalls[TypesRequestType]['answer'] };
