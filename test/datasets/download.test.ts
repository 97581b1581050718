import * as tf from '@tensorflow/tfjs';
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, join } from 'node:path';
import { datasets } from '../../src/keras/datasets';
import { KERAS_FILES, type RemoteFile } from '../../src/keras/datasets/remote';
import { captureStdout } from '../helpers/stdout';
import { expected, FIXTURES, useTempKerasHome } from './helpers';

const CACHE = join(FIXTURES, 'keras_home', 'datasets');

function fixturePath(name: string): string | null {
  for (const dir of [CACHE, join(CACHE, 'fashion-mnist')]) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** Serves the fixture cache under /datasets/ on 127.0.0.1, counting requests. */
function startServer(): Promise<{ server: Server; base: string; requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const match = /^\/datasets\/([^/]+)$/.exec(req.url ?? '');
    const path = match && fixturePath(match[1]);
    if (!path) {
      res.writeHead(404).end('not found');
      return;
    }
    const body = readFileSync(path);
    res.writeHead(200, { 'content-length': body.length }).end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, base: `http://127.0.0.1:${port}/datasets/`, requests });
    });
  });
}

/** Makes the loaders expect the fixtures' own hashes for the duration of a test. */
function expectFixtureHashes(files: RemoteFile[], algorithm: 'sha256' | 'md5' = 'sha256'): () => void {
  const saved = files.map((file) => file.hash);
  for (const file of files) {
    file.hash = createHash(algorithm).update(readFileSync(fixturePath(basename(file.name))!)).digest('hex');
  }
  return () => files.forEach((file, i) => (file.hash = saved[i]));
}

describe('datasets downloads (local HTTP server)', () => {
  const home = useTempKerasHome(false);
  let server: Server;
  let base: string;
  let requests: string[];
  let restoreHashes: (() => void) | null = null;
  const previousBase = process.env.TSDL_DATASETS_BASE_URL;

  before(async () => {
    ({ server, base, requests } = await startServer());
    await tf.ready();
  });
  beforeEach(() => {
    process.env.TSDL_DATASETS_BASE_URL = base;
    requests.length = 0;
  });
  afterEach(() => {
    restoreHashes?.();
    restoreHashes = null;
  });
  after(() => {
    if (previousBase === undefined) delete process.env.TSDL_DATASETS_BASE_URL;
    else process.env.TSDL_DATASETS_BASE_URL = previousBase;
    server.close();
  });

  it('downloads into the Keras cache with a progress bar, then reads the cache', async () => {
    restoreHashes = expectFixtureHashes([KERAS_FILES.imdb]);
    const { result, output } = await captureStdout(() => datasets.imdb.loadData());
    expect(output).to.include(`Downloading data from ${base}imdb.npz\n`);
    expect(output).to.match(/\r\[=+\] 100% /);
    expect(result[0][0]).to.deep.equal(expected.imdb[0][0]);
    expect(existsSync(join(home.dir, 'datasets', 'imdb.npz'))).to.equal(true);
    tf.dispose([result[0][1], result[1][1]]);

    const again = await datasets.imdb.loadData();
    expect(requests).to.deep.equal(['/datasets/imdb.npz']);
    tf.dispose([again[0][1], again[1][1]]);
  });

  it('downloads the four Fashion-MNIST files into datasets/fashion-mnist', async () => {
    restoreHashes = expectFixtureHashes(KERAS_FILES.fashionMnist);
    const { result } = await captureStdout(() => datasets.fashion_mnist.loadData());
    expect(result[0][0].shape).to.deep.equal([5, 28, 28]);
    expect(readdirSync(join(home.dir, 'datasets', 'fashion-mnist')).sort()).to.deep.equal([
      't10k-images-idx3-ubyte.gz',
      't10k-labels-idx1-ubyte.gz',
      'train-images-idx3-ubyte.gz',
      'train-labels-idx1-ubyte.gz',
    ]);
    tf.dispose(result.flat());
  });

  it('checks word indexes against an MD5 hash, as Keras does', async () => {
    restoreHashes = expectFixtureHashes([KERAS_FILES.imdbWordIndex], 'md5');
    const { result } = await captureStdout(() => datasets.imdb.getWordIndex());
    expect(result.the).to.equal(1);
  });

  it('refuses a download whose checksum does not match, and saves nothing', async () => {
    let error: unknown;
    await captureStdout(() => datasets.boston_housing.loadData().catch((e: unknown) => (error = e)));
    expect(String(error)).to.match(/checksum mismatch/);
    expect(readdirSync(join(home.dir, 'datasets')).filter((f) => f.startsWith('boston'))).to.deep.equal([]);
  });

  it('says where to put the file when the server does not have it', async () => {
    process.env.TSDL_DATASETS_BASE_URL = base.replace('/datasets/', '/missing/');
    let error: unknown;
    await captureStdout(() => datasets.reuters.loadData().catch((e: unknown) => (error = e)));
    expect(String(error)).to.include('HTTP 404');
    expect(String(error)).to.include(join(home.dir, 'datasets', 'reuters.npz'));
  });

  it('says where to put the file when offline', async () => {
    // A port that was just free: nothing listens there any more.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    process.env.TSDL_DATASETS_BASE_URL = `http://127.0.0.1:${port}/`;
    let error: unknown;
    await captureStdout(() => datasets.reuters.loadData().catch((e: unknown) => (error = e)));
    expect(String(error)).to.match(/Could not load the Reuters data set: it is not in the Keras cache/);
    expect(String(error)).to.include('ECONNREFUSED');
    expect(String(error)).to.include(`copy it to ${join(home.dir, 'datasets', 'reuters.npz')}`);
  });
});
