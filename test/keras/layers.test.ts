import { expect } from 'chai';
import { tf, layers, models } from '../../src/keras';
import { useCpu } from '../helpers/cpu';

describe('keras layers and models', () => {
  useCpu();

  it('constructs every layer with Keras names', () => {
    const made = [
      layers.Dense(2), layers.Activation('relu'), layers.Dropout(0.5), layers.SpatialDropout1D(0.2), layers.GaussianNoise(0.1),
      layers.GaussianDropout(0.1), layers.AlphaDropout(0.1), layers.Flatten(), layers.Reshape([2, 2]), layers.Permute([2, 1]),
      layers.RepeatVector(3), layers.Embedding(10, 4), layers.Masking(0), layers.ELU(1), layers.ReLU(), layers.LeakyReLU(),
      layers.PReLU(), layers.Softmax(), layers.ThresholdedReLU(), layers.BatchNormalization(), layers.LayerNormalization(),
      layers.Rescaling(1 / 255), layers.CenterCrop(2, 2), layers.Resizing(4, 4), layers.CategoryEncoding(3),
      layers.Conv1D(2, 3), layers.Conv2D(2, 3), layers.Conv3D(2, 3), layers.Conv2DTranspose(2, 3), layers.Conv3DTranspose(2, 3),
      layers.SeparableConv2D(2, 3), layers.DepthwiseConv2D(3), layers.MaxPooling1D(2), layers.MaxPooling2D([2, 2]),
      layers.MaxPooling3D(2), layers.AveragePooling1D(2), layers.AveragePooling2D(2), layers.AveragePooling3D(2),
      layers.GlobalAveragePooling1D(), layers.GlobalAveragePooling2D(), layers.GlobalMaxPooling1D(), layers.GlobalMaxPooling2D(),
      layers.ZeroPadding2D(1), layers.Cropping2D(1), layers.UpSampling2D([2, 2]), layers.SimpleRNN(2), layers.LSTM(2), layers.GRU(2),
      layers.ConvLSTM2D(2, 3), layers.RNN(layers.LSTMCell(2)), layers.Bidirectional(layers.LSTM(2)),
      layers.TimeDistributed(layers.Dense(2)), layers.Add(), layers.Concatenate(-1), layers.Dot(1), layers.Multiply(),
      layers.Average(), layers.Maximum(), layers.Minimum(),
    ];
    for (const layer of made) expect(layer).to.be.instanceOf(tf.layers.Layer);
    expect(layers.Dense(2).name).to.match(/^dense(_\d+)?$/);
    expect(new layers.Dense(3).getConfig().units).to.equal(3);
  });

  it("takes Keras's defaults where TensorFlow.js's differ, and the user's values over them", () => {
    // Glorot initializers serialize as VarianceScaling; the distribution tells uniform from normal.
    const className = (layer: tf.layers.Layer, key: string) => {
      const { config } = (layer.getConfig() as Record<string, { config: { mode: string; distribution: string } }>)[key];
      return config.mode === 'fanAvg' ? (config.distribution === 'uniform' ? 'GlorotUniform' : 'GlorotNormal') : 'other';
    };
    expect(className(layers.Dense(4), 'kernelInitializer')).to.equal('GlorotUniform');
    expect(className(layers.Dense(4, { kernel_initializer: 'glorot_normal' }), 'kernelInitializer')).to.equal('GlorotNormal');
    expect(className(layers.Conv2D(4, 3), 'kernelInitializer')).to.equal('GlorotUniform');
    expect(className(layers.Conv1D(4, 3), 'kernelInitializer')).to.equal('GlorotUniform');
    expect(className(layers.DepthwiseConv2D(3), 'depthwiseInitializer')).to.equal('GlorotUniform');
    expect(className(layers.LSTM(4), 'kernelInitializer')).to.equal('GlorotUniform');
    expect(className(layers.SimpleRNN(4), 'kernelInitializer')).to.equal('GlorotUniform');
    for (const cell of [layers.LSTMCell(4), layers.GRUCell(4), layers.LSTM(4), layers.GRU(4), layers.ConvLSTM2D(2, 3)]) {
      expect(cell.getConfig().recurrentActivation, cell.name).to.equal('sigmoid');
    }
    expect(layers.LSTMCell(4, { recurrent_activation: 'hard_sigmoid' }).getConfig().recurrentActivation).to.equal('hardSigmoid');
    expect(layers.Softmax().getConfig().axis).to.equal(-1);
    const probabilities = layers.Softmax().apply(tf.tensor3d([[[1, 2], [3, 5]]])) as tf.Tensor;
    expect(Array.from(probabilities.sum(-1).dataSync()).map((v) => Number(v.toFixed(5)))).to.deep.equal([1, 1]);
  });

  it('calls layers on symbolic tensors, concrete tensors and lists', () => {
    const x = layers.Input({ shape: [4] });
    const y = layers.Dense(3, { activation: 'relu' })(x);
    expect(y.shape).to.deep.equal([null, 3]);
    const t = tf.ones([2, 4]);
    const out = layers.Dense(5)(t);
    expect(out.shape).to.deep.equal([2, 5]);
    const merged = layers.Concatenate()([y, layers.Dense(2)(x)]);
    expect(merged.shape).to.deep.equal([null, 5]);
    expect(layers.add([y, y]).shape).to.deep.equal([null, 3]);
    expect(layers.concatenate([tf.ones([2, 2]), tf.ones([2, 3])]).shape).to.deep.equal([2, 5]);
    tf.dispose([t, out]);
  });

  it('Sequential: add, pop, Input first, and a shape error naming both layers', () => {
    const model = models.Sequential();
    model.add(layers.Input({ shape: [784] }));
    model.add(layers.Dense(32, { activation: 'relu' }));
    model.add(layers.Dense(10, { activation: 'softmax' }));
    expect(model.countParams()).to.equal(25450);
    model.pop();
    expect(model.layers).to.have.length(1);
    expect(model.outputs[0].shape).to.deep.equal([null, 32]);
    const conv = layers.Conv2D(8, 3, { name: 'conv_after_dense' });
    expect(() => model.add(conv)).to.throw(/'conv_after_dense' \(Conv2D\) after 'dense(_\d+)?' \(Dense\).*\(None, 32\)/);
    model.add(layers.Dense(4));
    const p = model.predict(tf.ones([1, 784]), { verbose: 0 }) as tf.Tensor;
    expect(p.shape).to.deep.equal([1, 4]);
    p.dispose();
    expect(model).to.be.instanceOf(models.Sequential);
  });

  it('Sequential builds on first data when no input shape was given', () => {
    const model = models.Sequential([layers.Dense(8, { activation: 'relu' }), layers.Dense(2)]);
    expect(() => model.summary()).to.throw(/not yet been built/);
    const p = model.predict([[1, 2, 3]], { verbose: 0 }) as tf.Tensor;
    expect(p.shape).to.deep.equal([1, 2]);
    expect(model.countParams()).to.equal(3 * 8 + 8 + 8 * 2 + 2);
    p.dispose();
  });

  it('functional models with several inputs and outputs, shared layers and nested models', () => {
    const title = layers.Input({ shape: [10], name: 'title' });
    const body = layers.Input({ shape: [10], name: 'body' });
    const shared = layers.Dense(4, { activation: 'relu' });
    const features = layers.concatenate([shared(title), shared(body)]);
    const priority = layers.Dense(1, { activation: 'sigmoid', name: 'priority' })(features);
    const department = layers.Dense(3, { activation: 'softmax', name: 'department' })(features);
    const model = models.Model({ inputs: [title, body], outputs: [priority, department] });
    expect(model.outputNames).to.deep.equal(['priority', 'department']);
    expect(shared.inboundNodes).to.have.length(2);

    const inner = models.Sequential([layers.Dense(3, { input_shape: [5] })]);
    const x = layers.Input({ shape: [5] });
    const outer = models.Model(x, layers.Dense(1)(inner(x)));
    const y = outer.predict(tf.ones([2, 5]), { verbose: 0 }) as tf.Tensor;
    expect(y.shape).to.deep.equal([2, 1]);
    y.dispose();
    const out = inner(tf.ones([1, 5])) as tf.Tensor;
    expect(out.shape).to.deep.equal([1, 3]);
    out.dispose();
  });

  it('Lambda layers wrap tensor functions', () => {
    const x = layers.Input({ shape: [3] });
    const y = layers.Lambda((t) => tf.concat([t as tf.Tensor, tf.square(t as tf.Tensor)], -1))(x);
    expect(y.shape).to.deep.equal([null, 6]);
    const model = models.Model(x, y);
    const out = model.predict([[1, 2, 3]], { verbose: 0 }) as tf.Tensor;
    expect(Array.from(out.dataSync())).to.deep.equal([1, 2, 3, 1, 4, 9]);
    out.dispose();
  });
});
