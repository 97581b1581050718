// Connectionist temporal classification with the semantics of Keras's `ctc_batch_cost`: y_pred holds softmax
// outputs [batch, time, classes], the blank is the last class, and the result is [batch, 1]. tfjs has no CTC
// kernel, so the forward-backward recursion runs in JS (float64, log space) and the gradient it yields is
// attached with tf.customGrad.
import * as tf from '@tensorflow/tfjs';

const EPS = 1e-7; // Keras takes log(y_pred + epsilon) as the logits.

function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
}

interface Sequence {
  /** log-softmax of log(y + eps), [time][class] for the first `steps` frames. */
  logProbs: Float64Array[];
  labels: number[];
  blank: number;
}

/** -log p(labels | frames) and its gradient with respect to the logits log(y + eps). */
export function ctcSequence({ logProbs, labels, blank }: Sequence): { loss: number; gradLogits: Float64Array[] } {
  const T = logProbs.length;
  const C = blank + 1;
  const ext: number[] = [blank];
  for (const l of labels) ext.push(l, blank);
  const S = ext.length;
  const canSkip = (s: number) => s >= 2 && ext[s] !== blank && ext[s] !== ext[s - 2];
  const alpha = Array.from({ length: T }, () => new Float64Array(S).fill(-Infinity));
  const beta = Array.from({ length: T }, () => new Float64Array(S).fill(-Infinity));
  if (T > 0) {
    alpha[0][0] = logProbs[0][blank];
    if (S > 1) alpha[0][1] = logProbs[0][ext[1]];
    for (let t = 1; t < T; t++) {
      for (let s = 0; s < S; s++) {
        let a = alpha[t - 1][s];
        if (s >= 1) a = logAdd(a, alpha[t - 1][s - 1]);
        if (canSkip(s)) a = logAdd(a, alpha[t - 1][s - 2]);
        alpha[t][s] = a + logProbs[t][ext[s]];
      }
    }
    beta[T - 1][S - 1] = logProbs[T - 1][blank];
    if (S > 1) beta[T - 1][S - 2] = logProbs[T - 1][ext[S - 2]];
    for (let t = T - 2; t >= 0; t--) {
      for (let s = 0; s < S; s++) {
        let b = beta[t + 1][s];
        if (s + 1 < S) b = logAdd(b, beta[t + 1][s + 1]);
        if (s + 2 < S && canSkip(s + 2)) b = logAdd(b, beta[t + 1][s + 2]);
        beta[t][s] = b + logProbs[t][ext[s]];
      }
    }
  }
  const logP = T === 0 ? -Infinity : logAdd(alpha[T - 1][S - 1], S > 1 ? alpha[T - 1][S - 2] : -Infinity);
  const gradLogits = Array.from({ length: T }, () => new Float64Array(C));
  if (logP === -Infinity) return { loss: Infinity, gradLogits };
  for (let t = 0; t < T; t++) {
    // Graves (2006) eq. 16: d(-log p)/du_tk = q_tk - sum_{s: ext[s]=k} alpha_t(s) beta_t(s) / (p q_tk).
    const occupancy = new Float64Array(C).fill(-Infinity);
    for (let s = 0; s < S; s++) occupancy[ext[s]] = logAdd(occupancy[ext[s]], alpha[t][s] + beta[t][s]);
    for (let k = 0; k < C; k++) {
      gradLogits[t][k] = Math.exp(logProbs[t][k]) - Math.exp(occupancy[k] - logProbs[t][k] - logP);
    }
  }
  return { loss: -logP, gradLogits };
}

function rows(t: tf.Tensor): number[] {
  return Array.from(t.dataSync(), Number);
}

/** Keras `ctc_batch_cost(y_true, y_pred, input_length, label_length)`: one loss per sample, shape [batch, 1]. */
export function ctcBatchCost(yTrue: tf.Tensor, yPred: tf.Tensor, inputLength: tf.Tensor, labelLength: tf.Tensor): tf.Tensor {
  if (yPred.rank !== 3) throw new Error(`ctcBatchCost: y_pred must be [batch, time, classes], got shape [${yPred.shape}].`);
  const [B, T, C] = yPred.shape;
  const labelsFlat = rows(yTrue);
  const maxLabel = yTrue.rank > 1 ? (yTrue.shape[1] ?? 1) : 1;
  const inputs = rows(inputLength);
  const lengths = rows(labelLength);
  if (inputs.length !== B || lengths.length !== B) throw new Error(`ctcBatchCost: input_length and label_length need one entry per sample (${B}).`);
  const forward = tf.customGrad(((y: tf.Tensor, save: tf.GradSaveFunc) => {
    const probs = y.dataSync();
    const losses = new Float32Array(B);
    const grad = new Float32Array(B * T * C);
    for (let b = 0; b < B; b++) {
      const steps = Math.min(T, inputs[b]);
      const logProbs: Float64Array[] = [];
      for (let t = 0; t < steps; t++) {
        const base = (b * T + t) * C;
        const logits = new Float64Array(C);
        let max = -Infinity;
        for (let k = 0; k < C; k++) max = Math.max(max, (logits[k] = Math.log(probs[base + k] + EPS)));
        let sum = 0;
        for (let k = 0; k < C; k++) sum += Math.exp(logits[k] - max);
        const norm = max + Math.log(sum);
        logProbs.push(logits.map((v) => v - norm));
      }
      const labels = labelsFlat.slice(b * maxLabel, b * maxLabel + lengths[b]);
      const { loss, gradLogits } = ctcSequence({ logProbs, labels, blank: C - 1 });
      losses[b] = loss;
      for (let t = 0; t < steps; t++) {
        const base = (b * T + t) * C;
        // logits = log(y + eps): chain rule through the log.
        for (let k = 0; k < C; k++) grad[base + k] = gradLogits[t][k] / (probs[base + k] + EPS);
      }
    }
    save([tf.tensor(grad, [B, T, C])]);
    return {
      value: tf.tensor(losses, [B, 1]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(saved[0], dy.reshape([B, 1, 1])),
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return forward(yPred);
}

/**
 * The 'ctc' loss for compile(): y_true holds label ids padded with -1 (or the blank id), every sample uses all
 * time steps of y_pred. Returns [batch].
 */
export function ctc(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const [B, T, C] = yPred.shape;
    const labels = yTrue.reshape([B, -1]);
    const lengths = tf.sum(tf.logicalAnd(tf.greaterEqual(labels, 0), tf.less(labels, C - 1)).cast('int32'), 1, true);
    return ctcBatchCost(labels, yPred, tf.fill([B, 1], T, 'int32'), lengths).reshape([B]);
  });
}
