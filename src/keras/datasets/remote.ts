// The files Keras downloads for each data set, with Keras's own hashes (SHA-256, or MD5 for the word indexes).

const KERAS_ORIGIN = 'https://storage.googleapis.com/tensorflow/tf-keras-datasets/';

export interface RemoteFile {
  /** Path under the cache's `datasets/` folder; the URL uses only the last part. */
  readonly name: string;
  /** Expected hash; mutable so tests can serve their own fixtures. */
  hash: string;
}

const file = (name: string, hash: string): RemoteFile => ({ name, hash });
// Keras caches these in their own folder, `datasets/fashion-mnist`.
const fashion = (name: string, hash: string) => file(`fashion-mnist/${name}`, hash);

/** The files Keras downloads for each data set: path under the cache's `datasets/` folder, and Keras's hash. */
export const KERAS_FILES = {
  mnist: file('mnist.npz', '731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1'),
  fashionMnist: [
    fashion('train-labels-idx1-ubyte.gz', 'a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845'),
    fashion('train-images-idx3-ubyte.gz', '3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84'),
    fashion('t10k-labels-idx1-ubyte.gz', '67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5'),
    fashion('t10k-images-idx3-ubyte.gz', '346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073'),
  ],
  bostonHousing: file('boston_housing.npz', 'f553886a1f8d56431e820c5b82552d9d95cfcb96d1e678153f8839538947dff5'),
  imdb: file('imdb.npz', '69664113be75683a8fe16e3ed0ab59fda8886cb3cd7ada244f7d9544e4676b9f'),
  imdbWordIndex: file('imdb_word_index.json', 'bfafd718b763782e994055a2d397834f'),
  reuters: file('reuters.npz', 'd6586e694ee56d7a4e65172e12b3e987c03096cb01eab99753921ef915959916'),
  reutersWordIndex: file('reuters_word_index.json', '4d44cc38712099c9e383dc6e5f11a921'),
};

/** `TSDL_DATASETS_BASE_URL` points downloads at a mirror (or a test server) instead of Keras's bucket. */
export function remoteUrl(name: string): string {
  const base = process.env.TSDL_DATASETS_BASE_URL || KERAS_ORIGIN;
  return `${base.endsWith('/') ? base : `${base}/`}${name.split('/').pop()}`;
}
