import { expect } from 'chai';
import { layers, optimizers, tf } from '../../src/keras';
import { checkedOptions, closest, snakeToCamel } from '../../src/keras/options';
import { kerasId } from '../../src/keras/layers/factory';
import { useCpu } from '../helpers/cpu';

describe('keras options', () => {
  useCpu();

  it('maps snake_case to camelCase', () => {
    expect(snakeToCamel('kernel_initializer')).to.equal('kernelInitializer');
    expect(snakeToCamel('input_shape')).to.equal('inputShape');
    expect(checkedOptions('x', { learning_rate: 0.1 }, ['learningRate'])).to.deep.equal({ learningRate: 0.1 });
    expect(checkedOptions('x', { lr: 0.1 }, ['learningRate'])).to.deep.equal({ learningRate: 0.1 });
  });

  it('maps Keras string ids to tfjs ones', () => {
    expect(kerasId('glorot_uniform')).to.equal('glorotUniform');
    expect(kerasId('channels_last')).to.equal('channelsLast');
    expect(kerasId('l1_l2')).to.equal('l1l2');
    expect(kerasId('hard_sigmoid')).to.equal('hardSigmoid');
  });

  it("encodes categories in CategoryEncoding's Keras modes, and rejects a mode TensorFlow.js would take for count", () => {
    const ids = tf.tensor([1, 2], [2], 'int32');
    const encoded = (mode: string) => (layers.CategoryEncoding(4, { output_mode: mode }).apply(ids) as tf.Tensor).arraySync();
    expect(encoded('one_hot')).to.deep.equal([[0, 1, 0, 0], [0, 0, 1, 0]]);
    expect(encoded('oneHot')).to.deep.equal([[0, 1, 0, 0], [0, 0, 1, 0]]);
    expect(encoded('multi_hot')).to.deep.equal([0, 1, 1, 0]);
    expect(encoded('count')).to.deep.equal([0, 1, 1, 0]);
    expect(() => layers.CategoryEncoding(4, { output_mode: 'tf_idf' })).to.throw(
      "layers.CategoryEncoding: Could not interpret output mode identifier: 'tf_idf'. Known: one_hot, multi_hot, count.",
    );
    expect(() => layers.CategoryEncoding(4, { output_mode: 'one_hat' })).to.throw("Did you mean 'one_hot'?");
    ids.dispose();
  });

  it('suggests the closest option', () => {
    expect(closest('return_sequence', ['return_sequences', 'units'])).to.equal('return_sequences');
    expect(closest('zzzzzzzz', ['units'])).to.equal(null);
  });

  it('rejects unknown layer options, naming them in the user spelling', () => {
    expect(() => layers.LSTM(4, { return_sequence: true })).to.throw(/unknown option 'return_sequence'. Did you mean 'return_sequences'/);
    expect(() => layers.Dense(4, { actvation: 'relu' })).to.throw(/'actvation'.*Did you mean 'activation'/);
    expect(() => layers.Dense(4, { batch_sizee: 3 })).to.throw(/Did you mean 'batch_size'/);
  });

  it('accepts snake_case and camelCase alike, but not both at once', () => {
    const a = layers.Dense(4, { input_shape: [3], kernel_initializer: 'he_normal', use_bias: false });
    const b = layers.Dense(4, { inputShape: [3], kernelInitializer: 'heNormal', useBias: false });
    expect(a.batchInputShape).to.deep.equal([null, 3]);
    expect(a.getConfig()).to.deep.include({ useBias: false });
    expect(b.getConfig()).to.deep.include({ useBias: false });
    expect(() => layers.Dense(4, { input_shape: [3], inputShape: [3] })).to.throw(/given twice/);
  });

  it('takes Keras positional arguments', () => {
    const conv = layers.Conv2D(32, [3, 3], { activation: 'relu' });
    expect(conv.getConfig()).to.deep.include({ filters: 32, kernelSize: [3, 3], activation: 'relu' });
    expect(layers.Embedding(10000, 32).getConfig()).to.deep.include({ inputDim: 10000, outputDim: 32 });
    expect(layers.Dropout(0.5).getConfig()).to.deep.include({ rate: 0.5 });
    expect(layers.MaxPooling2D([2, 2]).getConfig()).to.deep.include({ poolSize: [2, 2] });
    expect(layers.LeakyReLU({ negative_slope: 0.1 }).getConfig()).to.deep.include({ alpha: 0.1 });
    expect(() => layers.Dense(4, 5 as never)).to.throw(/at most 1 positional/);
    expect(() => layers.Dense(4, { units: 5 })).to.throw(/both positionally and as an option/);
  });

  it('checks optimizer options', () => {
    expect(() => optimizers.Adam({ learningrate: 0.1 })).to.throw(/Did you mean 'learningRate'/);
    expect(() => optimizers.Adam({ beta_1: 0.8, beta_2: 0.99 })).to.not.throw();
  });
});
