// Keras's variance-scaling initializers: the weights' spread after truncation is what Keras gives, sqrt(scale / n),
// where TensorFlow.js's own is 12% narrower (and its 'truncatedNormal' draws a uniform).
import { expect } from 'chai';
import { initializers, layers, tf } from '../../src/keras';
import { ValueError } from '../../src/keras/errors';
import { useCpu } from '../helpers/cpu';

/** The sample stddev and largest magnitude of an initializer's weights of a shape. */
function spread(init: { apply(shape: number[]): tf.Tensor }, shape: number[]): { stddev: number; max: number } {
  return tf.tidy(() => {
    const weights = init.apply(shape);
    const { variance } = tf.moments(weights);
    return { stddev: Math.sqrt(variance.dataSync()[0]), max: weights.abs().max().dataSync()[0] };
  });
}

describe('keras/initializers', () => {
  useCpu();
  const shape = [1000, 250];

  it('draws HeNormal, GlorotNormal and LecunNormal with Keras\'s stddev after truncation, truncated at two stddevs', () => {
    const cases: [string, { apply(shape: number[]): tf.Tensor }, number][] = [
      ['HeNormal', initializers.HeNormal({ seed: 1 }), Math.sqrt(2 / 1000)],
      ['GlorotNormal', initializers.GlorotNormal({ seed: 2 }), Math.sqrt(2 / 1250)],
      ['LecunNormal', initializers.LecunNormal({ seed: 3 }), Math.sqrt(1 / 1000)],
    ];
    for (const [name, init, expected] of cases) {
      const { stddev, max } = spread(init, shape);
      expect(stddev / expected, name).to.be.within(0.98, 1.02);
      // Truncated at two stddevs of the distribution before truncation.
      expect(max, name).to.be.at.most((2 * expected) / 0.87962566103423978 + 1e-6);
    }
  });

  it('draws the same through a layer\'s string id, through VarianceScaling\'s default and its truncated_normal', () => {
    const dense = layers.Dense(250, { kernel_initializer: 'he_normal' });
    dense.build([null, 1000]);
    const kernel = dense.getWeights()[0];
    const stddev = Math.sqrt(tf.moments(kernel).variance.dataSync()[0]);
    expect(stddev / Math.sqrt(2 / 1000)).to.be.within(0.98, 1.02);
    for (const init of [initializers.VarianceScaling({ seed: 4 }), initializers.VarianceScaling({ distribution: 'truncated_normal', seed: 5 })]) {
      const { stddev: drawn, max } = spread(init, shape);
      expect(drawn / Math.sqrt(1 / 1000)).to.be.within(0.98, 1.02);
      // A normal: beyond a uniform's limit of sqrt(3) stddevs.
      expect(max).to.be.above(Math.sqrt(3 / 1000));
    }
  });

  it("draws Keras 3's untruncated_normal untruncated, with stddev sqrt(scale / n)", () => {
    const { stddev, max } = spread(initializers.VarianceScaling({ distribution: 'untruncated_normal', scale: 2, seed: 8 }), shape);
    expect(stddev / Math.sqrt(2 / 1000)).to.be.within(0.98, 1.02);
    // 250,000 draws of a normal reach past 4 stddevs (a truncated one stops at 2.27).
    expect(max).to.be.above(4 * Math.sqrt(2 / 1000));
    expect(() => initializers.VarianceScaling({ distribution: 'gaussian' })).to.throw(
      ValueError,
      "Invalid value for argument `distribution`. Expected one of {'truncated_normal', 'normal', 'untruncated_normal', 'uniform'}. Received: distribution=gaussian",
    );
    expect(() => initializers.VarianceScaling({ mode: 'fan_sum' })).to.throw(/Expected one of \{'fan_in', 'fan_out', 'fan_avg'\}. Received: mode=fan_sum/);
  });

  it('keeps the uniform ones uniform within ±sqrt(3 scale / n)', () => {
    const { stddev, max } = spread(initializers.VarianceScaling({ distribution: 'uniform', mode: 'fan_avg', seed: 6 }), shape);
    expect(stddev / Math.sqrt(1 / 625)).to.be.within(0.98, 1.02);
    expect(max).to.be.at.most(Math.sqrt(3 / 625));
    expect(spread(initializers.HeUniform({ seed: 7 }), shape).max).to.be.at.most(Math.sqrt(6 / 1000));
  });
});
