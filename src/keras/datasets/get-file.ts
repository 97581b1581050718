// Keras's `get_file` for our loaders: the cached copy if there is one, else a download into the cache. Offline, the
// error says exactly which file to put where.
import { cachePath, downloadPath, findCached } from './cache';
import { download } from './download';
import { remoteUrl, type RemoteFile } from './remote';

/** `name` is where the file is cached (a loader's `path` option); the URL always uses Keras's file name. */
export async function getFile(file: RemoteFile, dataset: string, name = file.name): Promise<string> {
  return findCached(name) ?? downloadToCache(file, dataset, name);
}

/** Downloads a Keras data file into the cache (`$KERAS_HOME/datasets`), resolving to its path; errors say where it came from. */
export async function downloadToCache(file: RemoteFile, dataset: string, name = file.name): Promise<string> {
  const url = remoteUrl(file.name);
  try {
    const dest = downloadPath(name);
    await download(url, dest, file.hash);
    return dest;
  } catch (error) {
    // fetch() reports "fetch failed" and keeps the useful part (ECONNREFUSED, ENOTFOUND) in its cause.
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(
      `Could not load the ${dataset} data set: it is not in the Keras cache and the download from ${url} failed ` +
        `(${reason}). To use it offline, download that file on a connected machine and copy it to ` +
        `${cachePath(name)} (or set KERAS_HOME to a folder whose datasets/ holds it).`,
      { cause: error },
    );
  }
}
