// Connectionist temporal classification in Keras's two conventions:
// - Keras 2's `ctc_batch_cost` (`losses.ctcBatchCost`): y_pred holds softmax outputs, the blank is the last class,
//   label ids run from 0, lengths come as tensors; the result is [batch, 1].
// - Keras 3's `keras.losses.CTC` (the 'ctc' id, `losses.ctc`, `losses.CTC()`): y_pred holds logits, 0 is the blank
//   and the padding, label ids run from 1; the result is [batch].
// Labels in the other convention are an error: a model would otherwise learn the padding as a symbol.
// tfjs has no CTC kernel, so the forward-backward recursion runs in JS (float64, log space) and the gradient it
// yields is attached with tf.customGrad.
import * as tf from '@tensorflow/tfjs';
import { pyShape, ValueError } from '../errors';

const EPS = 1e-7; // Keras 2 takes log(y_pred + epsilon) as the logits.

function logAdd(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return Math.max(a, b) + Math.log1p(Math.exp(-Math.abs(a - b)));
}

interface Sequence {
  /** log-softmax of the logits, [time][class] for the frames the sample uses. */
  logProbs: Float64Array[];
  labels: number[];
  blank: number;
  classes: number;
}

/** -log p(labels | frames) and its gradient with respect to the logits. */
export function ctcSequence({ logProbs, labels, blank, classes }: Sequence): { loss: number; gradLogits: Float64Array[] } {
  const T = logProbs.length;
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
  const gradLogits = Array.from({ length: T }, () => new Float64Array(classes));
  if (logP === -Infinity) return { loss: Infinity, gradLogits };
  for (let t = 0; t < T; t++) {
    // Graves (2006) eq. 16: d(-log p)/du_tk = q_tk - sum_{s: ext[s]=k} alpha_t(s) beta_t(s) / (p q_tk).
    const occupancy = new Float64Array(classes).fill(-Infinity);
    for (let s = 0; s < S; s++) occupancy[ext[s]] = logAdd(occupancy[ext[s]], alpha[t][s] + beta[t][s]);
    for (let k = 0; k < classes; k++) {
      gradLogits[t][k] = Math.exp(logProbs[t][k]) - Math.exp(occupancy[k] - logProbs[t][k] - logP);
    }
  }
  return { loss: -logP, gradLogits };
}

function logSoftmax(logits: Float64Array): Float64Array {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  let sum = 0;
  for (const v of logits) sum += Math.exp(v - max);
  const norm = max + Math.log(sum);
  return logits.map((v) => v - norm);
}

/** What each convention reads from y_pred: Keras 2 softmax outputs, Keras 3 logits. */
type Scores = 'probabilities' | 'logits';

interface Batch {
  /** Each sample's labels, already checked. */
  labels: number[][];
  /** Each sample's frame count. */
  steps: number[];
  blank: number;
  scores: Scores;
}

/** The per-sample loss [batch] over y_pred [batch, time, classes], with its gradient. */
function ctcCost(yPred: tf.Tensor, { labels, steps, blank, scores }: Batch): tf.Tensor {
  const [B, T, C] = yPred.shape;
  const forward = tf.customGrad(((y: tf.Tensor, save: tf.GradSaveFunc) => {
    const values = y.dataSync();
    const losses = new Float32Array(B);
    const grad = new Float32Array(B * T * C);
    for (let b = 0; b < B; b++) {
      const frames = Math.min(T, steps[b]);
      const logProbs: Float64Array[] = [];
      for (let t = 0; t < frames; t++) {
        const base = (b * T + t) * C;
        const logits = new Float64Array(C);
        for (let k = 0; k < C; k++) logits[k] = scores === 'logits' ? values[base + k] : Math.log(values[base + k] + EPS);
        logProbs.push(logSoftmax(logits));
      }
      const { loss, gradLogits } = ctcSequence({ logProbs, labels: labels[b], blank, classes: C });
      losses[b] = loss;
      for (let t = 0; t < frames; t++) {
        const base = (b * T + t) * C;
        // Keras 2's logits are log(y + eps): chain rule through the log.
        for (let k = 0; k < C; k++) grad[base + k] = scores === 'logits' ? gradLogits[t][k] : gradLogits[t][k] / (values[base + k] + EPS);
      }
    }
    save([tf.tensor(grad, [B, T, C])]);
    return {
      value: tf.tensor(losses, [B]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(saved[0], dy.reshape([B, 1, 1])),
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0]);
  return forward(yPred);
}

function rows(t: tf.Tensor): number[] {
  return Array.from(t.dataSync(), Number);
}

/**
 * Keras 2's `ctc_batch_cost(y_true, y_pred, input_length, label_length)` (also `losses.ctc_batch_cost`): y_pred is
 * the softmax output [batch, time, classes] with the blank as the LAST class; y_true holds label ids from 0 to
 * classes - 2, padded with anything past each sample's `label_length`; `input_length` and `label_length` are
 * [batch, 1]. Returns one loss per sample, [batch, 1]. For Keras 3's convention use `losses.CTC()` or `loss: 'ctc'`.
 * @example
 * const loss = losses.ctcBatchCost(labels, model.predict(x), tf.fill([4, 1], 20), labelLengths);
 */
export function ctcBatchCost(yTrue: tf.Tensor, yPred: tf.Tensor, inputLength: tf.Tensor, labelLength: tf.Tensor): tf.Tensor {
  if (yPred.rank !== 3) throw new ValueError(`ctc_batch_cost: y_pred must be [batch, time, classes], got shape ${pyShape(yPred.shape)}.`);
  const [B, T, C] = yPred.shape;
  const labelsFlat = rows(yTrue);
  const width = yTrue.rank > 1 ? (yTrue.shape[1] ?? 1) : 1;
  const inputs = rows(inputLength);
  const lengths = rows(labelLength);
  if (inputs.length !== B || lengths.length !== B) throw new ValueError(`ctc_batch_cost: input_length and label_length need one entry per sample (${B}).`);
  const labels = lengths.map((n, b) => {
    if (n > width) throw new ValueError(`ctc_batch_cost: label_length ${n} of sample ${b} is longer than y_true's ${width} columns.`);
    const row = labelsFlat.slice(b * width, b * width + n);
    const bad = row.findIndex((l) => !Number.isInteger(l) || l < 0 || l >= C - 1);
    if (bad >= 0) {
      const blankNote = row[bad] === C - 1 ? ` ${C - 1} is the blank (the last class)` : '';
      throw new ValueError(
        `ctc_batch_cost: label ${row[bad]} at y_true[${b}][${bad}] is not a class id: Keras 2's convention takes ids 0 to ${C - 2} ` +
          `and the blank is the last class, ${C - 1}.${blankNote ? ` Here${blankNote}.` : ''} For Keras 3's convention (0 is the blank and ` +
          `the padding, ids from 1) use losses.CTC() or loss: 'ctc'.`,
      );
    }
    return row;
  });
  return tf.tidy(() => ctcCost(yPred, { labels, steps: inputs, blank: C - 1, scores: 'probabilities' }).reshape([B, 1]));
}

let warnedSoftmax = false;

/** Keras 3 takes logits; a softmax already applied flattens the loss. Warn once, as training still runs. */
function warnIfSoftmax(yPred: tf.Tensor): void {
  if (warnedSoftmax) return;
  const [B, T, C] = yPred.shape;
  const values = yPred.dataSync();
  for (let frame = 0; frame < B * T; frame++) {
    let sum = 0;
    for (let k = 0; k < C; k++) {
      const v = values[frame * C + k];
      if (v < 0 || v > 1) return;
      sum += v;
    }
    if (Math.abs(sum - 1) > 1e-3) return;
  }
  warnedSoftmax = true;
  console.warn(
    "losses.CTC (Keras 3's convention) takes logits, and y_pred looks like softmax output: drop the last layer's " +
      "softmax, or use losses.ctcBatchCost (Keras 2's convention, softmax output, blank last).",
  );
}

/**
 * Each row's labels under Keras 3's convention: ids from 1, trailing 0s are padding. `name` is how errors call the
 * tensor; `classes`, when known, bounds the ids. fit() and evaluate() run this on all of y before the first batch.
 */
export function ctcLabels(yTrue: tf.Tensor, classes: number | null, name = 'y_true'): number[][] {
  const [B, width] = yTrue.shape;
  const flat = rows(yTrue);
  return Array.from({ length: B }, (_, b) => {
    const row = flat.slice(b * width, (b + 1) * width);
    let end = row.length;
    while (end > 0 && row[end - 1] === 0) end--;
    const labels = row.slice(0, end);
    const bad = labels.findIndex((l) => !Number.isInteger(l) || l <= 0 || (classes !== null && l >= classes));
    if (bad >= 0) {
      const why =
        labels[bad] === 0
          ? 'a 0 before the end of the labels: 0 is the blank and the padding, so class ids start at 1 and padding comes last'
          : labels[bad] < 0
            ? "negative (padding with -1 is Keras 2's ctc_batch_cost habit): pad with 0"
            : `out of range: ids run from 1 to ${classes === null ? 'classes - 1' : classes - 1}${classes === null ? '' : ` for ${classes} classes`}`;
      throw new ValueError(
        `CTC: ${name}[${b}][${bad}] is ${labels[bad]}, ${why}. This is Keras 3's convention; for Keras 2's ` +
          `(ids from 0, blank last) use losses.ctcBatchCost.`,
      );
    }
    return labels;
  });
}

/**
 * Keras 3's CTC loss, the 'ctc' id of compile(): y_true is [batch, max_length] of integer label ids from 1, padded
 * with 0 (the blank); y_pred is [batch, time, classes] of logits, not softmax output. Every sample uses all time
 * steps. Returns one loss per sample, [batch].
 */
export function ctc(yTrue: tf.Tensor, yPred: tf.Tensor): tf.Tensor {
  if (yTrue.rank !== 2) {
    throw new ValueError(`Targets \`y_true\` are expected to be a tensor of shape \`(batch_size, max_length)\` in integer format. Received: y_true.shape=${pyShape(yTrue.shape)}`);
  }
  if (yPred.rank !== 3) {
    throw new ValueError(`Logits \`y_pred\` are expected to be a tensor of shape \`(batch_size, max_length, num_classes)\`. Received: y_pred.shape=${pyShape(yPred.shape)}`);
  }
  const [B, T, C] = yPred.shape;
  const labels = ctcLabels(yTrue, C);
  warnIfSoftmax(yPred);
  return tf.tidy(() => ctcCost(yPred, { labels, steps: new Array<number>(B).fill(T), blank: 0, scores: 'logits' }));
}
