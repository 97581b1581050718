// Shared test plumbing: fixture paths and a throwaway KERAS_HOME.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import expectedJson from './fixtures/expected.json';

export const FIXTURES = join(__dirname, 'fixtures');

export interface Expected {
  permutation113: number[];
  permutation0: number[];
  u1: number[];
  objects: number[][];
  boston: [[number[][], number[]], [number[][], number[]]];
  boston_split_half_seed7: [[number[][], number[]], [number[][], number[]]];
  imdb: [[number[][], number[]], [number[][], number[]]];
  imdb_options: [[number[][], number[]], [number[][], number[]]];
  reuters: [[number[][], number[]], [number[][], number[]]];
  reuters_options: [[number[][], number[]], [number[][], number[]]];
}

export const expected = expectedJson as Expected;

/** Points KERAS_HOME at a fresh temp folder (optionally filled with the fixture cache) for the duration of a suite. */
export function useTempKerasHome(withFixtures: boolean): { readonly dir: string } {
  const state = { dir: '' };
  let previous: string | undefined;
  before(() => {
    previous = process.env.KERAS_HOME;
    state.dir = mkdtempSync(join(tmpdir(), 'tsdl-keras-home-'));
    if (withFixtures) cpSync(join(FIXTURES, 'keras_home'), state.dir, { recursive: true });
    process.env.KERAS_HOME = state.dir;
  });
  after(() => {
    if (previous === undefined) delete process.env.KERAS_HOME;
    else process.env.KERAS_HOME = previous;
    rmSync(state.dir, { recursive: true, force: true });
  });
  return state;
}
