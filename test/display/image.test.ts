import { expect } from 'chai';
import * as tf from '@tensorflow/tfjs';
import { imageBundle, imagesGridBundle } from '../../src/display/render/image';
import { encodePng } from '../../src/display/render/png';
import type { TensorLike } from '../../src/display/render/tensor';
import { useCpu } from '../helpers/cpu';
import { decodeBase64Png, pngInfo, pngPixels } from './png-reader';

const like = (t: tf.Tensor) => t as unknown as TensorLike;

describe('display/render images', () => {
  useCpu();

  it('encodes a valid PNG that reads back', () => {
    const pixels = Uint8Array.from([0, 64, 128, 255, 10, 20]);
    const png = encodePng(3, 2, 1, pixels);
    expect(pngInfo(png)).to.deep.equal({ width: 3, height: 2, colorType: 0, chunks: ['IHDR', 'IDAT', 'IEND'] });
    expect([...pngPixels(png, 1)]).to.deep.equal([...pixels]);
    expect(() => encodePng(2, 2, 1, pixels)).to.throw(/expected 4 bytes/);
  });

  it('turns an H×W float image in [0, 1] into gray pixels, with its size and scale', () => {
    const bundle = imageBundle(like(tf.tensor([[0, 0.5], [1, 0.25]])), { scale: 1 });
    expect(Object.keys(bundle).sort()).to.deep.equal(['image/png', 'text/plain']);
    const png = decodeBase64Png(bundle['image/png']);
    expect(pngInfo(png)).to.include({ width: 2, height: 2, colorType: 0 });
    expect([...pngPixels(png, 1)]).to.deep.equal([0, 128, 255, 64]);
    expect(bundle['text/plain']).to.equal('<image 2×2×1, shown ×1>');
  });

  it('reads floats a rounding error above 1 as [0, 1], and floats above 2 as [0, 255]', () => {
    const unit = decodeBase64Png(imageBundle(like(tf.tensor([[0, 1.0000051]])), { scale: 1 })['image/png']);
    expect([...pngPixels(unit, 1)]).to.deep.equal([0, 255]);
    const raw = decodeBase64Png(imageBundle(like(tf.tensor([[0, 2.5, 255]])), { scale: 1 })['image/png']);
    expect([...pngPixels(raw, 1)]).to.deep.equal([0, 3, 255]);
  });

  it('reads integers as [0, 255] and clamps what is out of range', () => {
    const png = decodeBase64Png(imageBundle(like(tf.tensor([[0, 100, 300, -5]], [1, 4], 'int32')), { scale: 1 })['image/png']);
    expect([...pngPixels(png, 1)]).to.deep.equal([0, 100, 255, 0]);
  });

  it('keeps the channels of H×W×1, H×W×3 and H×W×4 images', () => {
    const one = decodeBase64Png(imageBundle(like(tf.ones([2, 3, 1])), { scale: 1 })['image/png']);
    expect(pngInfo(one)).to.include({ width: 3, height: 2, colorType: 0 });
    const rgb = decodeBase64Png(imageBundle(like(tf.tensor([[[1, 0, 0], [0, 1, 0]]])), { scale: 1 })['image/png']);
    expect(pngInfo(rgb)).to.include({ width: 2, height: 1, colorType: 2 });
    expect([...pngPixels(rgb, 3)]).to.deep.equal([255, 0, 0, 0, 255, 0]);
    const rgba = decodeBase64Png(imageBundle(like(tf.fill([1, 1, 4], 128, 'int32')), { scale: 1 })['image/png']);
    expect(pngInfo(rgba)).to.include({ colorType: 6 });
    expect([...pngPixels(rgba, 4)]).to.deep.equal([128, 128, 128, 128]);
  });

  it('scales small images up with nearest neighbours', () => {
    const bundle = imageBundle(like(tf.tensor([[0, 1]])), { scale: 2 });
    expect([...pngPixels(decodeBase64Png(bundle['image/png']), 1)]).to.deep.equal([0, 0, 255, 255, 0, 0, 255, 255]);
    const digit = pngInfo(decodeBase64Png(imageBundle(like(tf.zeros([28, 28])))['image/png']));
    expect([digit.width, digit.height]).to.deep.equal([84, 84]);
  });

  it('rejects shapes that are not images, saying which are', () => {
    expect(() => imageBundle(like(tf.zeros([2, 2, 2])))).to.throw(/expected a shape like \[H, W\].*got \[2, 2, 2\]/);
    expect(() => imageBundle(like(tf.zeros([4])))).to.throw(/got \[4\]/);
  });

  it('lays a batch out as a grid with gaps', () => {
    const batch = tf.zeros([5, 28, 28]);
    const bundle = imagesGridBundle(like(batch), { cols: 3 });
    const info = pngInfo(decodeBase64Png(bundle['image/png']));
    // 3 columns and 2 rows of 84-pixel images (28 × 3), 2-pixel gaps between them.
    expect([info.width, info.height, info.colorType]).to.deep.equal([3 * 84 + 2 * 2, 2 * 84 + 2, 0]);
    expect(bundle['text/plain']).to.equal('<5 images 28×28×1 in a 2×3 grid, shown ×3>');
    const pixels = pngPixels(decodeBase64Png(bundle['image/png']), 1);
    expect(pixels[0]).to.equal(0); // an image
    expect(pixels[84]).to.equal(255); // the gap after it
    expect(pixels[info.width * info.height - 1]).to.equal(255); // the empty sixth cell
  });

  it('grids colour batches and defaults to ten columns', () => {
    const info = pngInfo(decodeBase64Png(imagesGridBundle(like(tf.zeros([12, 4, 4, 3])), { scale: 1 })['image/png']));
    expect([info.width, info.height, info.colorType]).to.deep.equal([10 * 4 + 9 * 2, 2 * 4 + 2, 2]);
    expect(() => imagesGridBundle(like(tf.zeros([0, 4, 4])))).to.throw(/the batch is empty/);
  });
});
