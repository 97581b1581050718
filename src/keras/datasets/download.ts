// Downloads a file into the cache: progress on stdout, checked against Keras's hash before anything is saved,
// then moved into place in one rename so a cache never holds half a file.
import { createHash } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { progressBar } from './progress';

/** How long to wait for the server to answer before calling it unreachable. */
const RESPONSE_TIMEOUT_MS = 30_000;

/** Keras's `hash_algorithm='auto'`: 64 hex digits are SHA-256, anything else MD5. */
function hashAlgorithm(hash: string): 'sha256' | 'md5' {
  return hash.length === 64 ? 'sha256' : 'md5';
}

/** Downloads `url` to `dest` with a progress bar, checking its sha256 or md5 hash before the file appears at `dest`. */
export async function download(url: string, dest: string, expectedHash: string): Promise<void> {
  process.stdout.write(`Downloading data from ${url}\n`);
  // The timeout covers only the wait for an answer: a slow but steady download may take as long as it needs.
  const abort = new AbortController();
  const timeout = new Error(`no answer in ${RESPONSE_TIMEOUT_MS / 1000} s`);
  const timer = setTimeout(() => abort.abort(timeout), RESPONSE_TIMEOUT_MS);
  const response = await fetch(url, { signal: abort.signal }).finally(() => clearTimeout(timer));
  if (!response.ok || !response.body) throw new Error(`HTTP ${response.status} ${response.statusText}`);
  const length = Number(response.headers.get('content-length'));
  const bar = progressBar(process.stdout, length > 0 ? length : null);
  const hash = createHash(hashAlgorithm(expectedHash));
  const chunks: Uint8Array[] = [];
  let received = 0;
  for await (const chunk of response.body) {
    chunks.push(chunk);
    hash.update(chunk);
    received += chunk.byteLength;
    bar.update(received);
  }
  bar.done();
  const actual = hash.digest('hex');
  if (actual !== expectedHash.toLowerCase()) {
    throw new Error(`checksum mismatch for ${url}: expected ${expectedHash}, got ${actual}; nothing was saved`);
  }
  const partial = `${dest}.${process.pid}.part`;
  writeFileSync(partial, Buffer.concat(chunks));
  renameSync(partial, dest);
}
