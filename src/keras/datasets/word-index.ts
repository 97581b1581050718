// `getWordIndex()` for IMDB and Reuters: Keras's JSON map from word to rank, from the cache or downloaded.
import { readFileSync } from 'node:fs';
import { getFile } from './get-file';
import { pathOption } from './options';
import type { RemoteFile } from './remote';

export interface WordIndexOptions {
  path?: string;
}

export type WordIndex = Record<string, number>;

/** A data set's word index JSON (`{ word: rank }`), from the cache or downloaded. */
export async function loadWordIndex(file: RemoteFile, dataset: string, options: WordIndexOptions): Promise<WordIndex> {
  const path = await getFile(file, `${dataset} word index`, pathOption(options));
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`${path} is not a JSON object of word indexes.`);
  }
  // No prototype, so words such as "constructor" only ever map to their index.
  return Object.assign(Object.create(null) as WordIndex, parsed);
}
