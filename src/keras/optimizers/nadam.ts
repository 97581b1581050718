// Nadam (Adam with Nesterov momentum) as in keras/src/optimizers/nadam.py; tfjs has none.
import * as tf from '@tensorflow/tfjs';

interface Slots {
  m: tf.Variable;
  v: tf.Variable;
}

/** Keras's Nadam optimizer (Adam with Nesterov momentum), which tfjs lacks; made by `optimizers.Nadam(...)`. */
export class NadamOptimizer extends tf.Optimizer {
  static className = 'Nadam';
  private slots = new Map<string, Slots>();
  private uProduct = 1;

  constructor(
    protected learningRate: number,
    private beta1 = 0.9,
    private beta2 = 0.999,
    private epsilon = 1e-7,
  ) {
    super();
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | Array<{ name: string; tensor: tf.Tensor }>): void {
    const named = Array.isArray(variableGradients)
      ? variableGradients
      : Object.keys(variableGradients).map((name) => ({ name, tensor: variableGradients[name] }));
    const step = this.iterations + 1;
    const uT = this.beta1 * (1 - 0.5 * Math.pow(0.96, step * 0.004));
    const uT1 = this.beta1 * (1 - 0.5 * Math.pow(0.96, (step + 1) * 0.004));
    const uProductT = this.uProduct * uT;
    const uProductT1 = uProductT * uT1;
    const beta2Power = Math.pow(this.beta2, step);
    for (const { name, tensor: gradient } of named) {
      const variable = tf.engine().registeredVariables[name];
      if (gradient == null || variable == null) continue;
      let slot = this.slots.get(name);
      if (!slot) {
        slot = { m: tf.variable(tf.zerosLike(variable), false), v: tf.variable(tf.zerosLike(variable), false) };
        this.slots.set(name, slot);
      }
      const { m, v } = slot;
      tf.tidy(() => {
        const newM = tf.add(m, tf.mul(tf.sub(gradient, m), 1 - this.beta1));
        const newV = tf.add(v, tf.mul(tf.sub(tf.square(gradient), v), 1 - this.beta2));
        const mHat = tf.add(tf.div(tf.mul(newM, uT1), 1 - uProductT1), tf.div(tf.mul(gradient, 1 - uT), 1 - uProductT));
        const vHat = tf.div(newV, 1 - beta2Power);
        m.assign(newM);
        v.assign(newV);
        variable.assign(tf.sub(variable, tf.div(tf.mul(mHat, this.learningRate), tf.add(tf.sqrt(vHat), this.epsilon))));
      });
    }
    this.uProduct = uProductT;
    this.incrementIterations();
  }

  override dispose(): void {
    for (const { m, v } of this.slots.values()) tf.dispose([m, v]);
    this.slots.clear();
    super.dispose();
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    _cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    return new NadamOptimizer(config.learningRate as number, config.beta1 as number, config.beta2 as number, config.epsilon as number) as unknown as T;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
tf.serialization.registerClass(NadamOptimizer);
