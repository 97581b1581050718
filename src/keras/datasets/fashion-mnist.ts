// `datasets.fashion_mnist`: Zalando's 70,000 clothing images, as Keras's four gzipped IDX files in
// `$KERAS_HOME/datasets/fashion-mnist/`, downloaded when missing.
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { getFile } from './get-file';
import { imageSplit, type ImageData } from './images';
import { parseIdx } from './readers/idx';
import { KERAS_FILES } from './remote';

/**
 * Resolves to `[[xTrain, yTrain], [xTest, yTest]]`: int32 tensors of shapes [60000, 28, 28], [60000],
 * [10000, 28, 28] and [10000], pixels 0-255 and labels 0-9.
 */
export async function loadData(): Promise<ImageData> {
  // The backend tfjs picked (wasm starts asynchronously) must be up before tensors are made.
  await tf.ready();
  const paths: string[] = [];
  // One after the other, as Keras does, so progress bars do not interleave.
  for (const file of KERAS_FILES.fashionMnist) paths.push(await getFile(file, 'Fashion-MNIST'));
  const [trainLabels, trainImages, testLabels, testImages] = paths.map((path) => parseIdx(readFileSync(path)));
  return [
    imageSplit(trainImages, trainLabels, 'Fashion-MNIST training set'),
    imageSplit(testImages, testLabels, 'Fashion-MNIST test set'),
  ];
}

/** Fashion-MNIST's 10 class names, indexed like the labels ('T-shirt/top', 'Trouser'...); `datasets.fashion_mnist.classNames`. */
export const CLASS_NAMES = [
  'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot',
] as const;
