// TypeScript's view of a notebook, in process: the examples of issue 12 against the real declarations of the
// preloaded API (dist/types, written by `npm run build`).
import { expect } from 'chai';
import { join } from 'path';
import * as ts from 'typescript-5';
import { NotebookService } from '../../src/language-service/service';

const ROOT = join(__dirname, '..', '..');

describe('language-service/service', function () {
  // The first request reads the declarations of TensorFlow.js and the Keras API.
  this.timeout(60000);
  let service: NotebookService;
  const names = (code: string, cursor = code.length): string[] => service.complete(code, cursor)?.items.map((item) => item.name) ?? [];
  const described = (code: string, cursor = code.length, detail = 0): string =>
    (service.inspect(code, cursor, detail)?.fields ?? []).map(([label, text]) => `${label}: ${text}`).join('\n');

  before(() => {
    service = new NotebookService(ts, join(ROOT, 'dist', 'types'), ROOT);
    service.cellsRan(['function f(): number[] { return [1, 2]; }', 'const s = models.Sequential();', 'const x = 1;', 'const x = "now a string";']);
  });

  it('completes the members of a function\'s declared return type without calling it', () => {
    expect(names('f().ma')).to.include('map');
  });

  it('completes a model declared in an earlier cell with its Keras methods, with signatures', () => {
    const completion = service.complete('s.com', 5)!;
    expect(completion.member).to.equal(true);
    expect(completion.start).to.equal(2);
    const compile = completion.items.find((item) => item.name === 'compile');
    expect(compile).to.deep.include({ kind: 'function' });
    expect(compile?.signature).to.match(/^\(options: /);
    expect(names('s.')).to.include.members(['fit', 'evaluate', 'predict', 'summary', 'getWeights']);
  });

  it('completes an option\'s key inside a call, in both of Keras\'s spellings', () => {
    const data = 'const xs = tf.zeros([4, 1]);\nconst ys = tf.ones([4, 1]);\n';
    expect(names(`${data}s.fit(xs, ys, { ba`)).to.include.members(['batch_size', 'batchSize']);
    expect(names("layers.Dense(32, { kernel_ini")).to.include('kernel_initializer');
    // Spelled as the run time reads them (camelToSnake): a run of capitals is one word.
    expect(names('layers.Dense(32, { input_d')).to.deep.equal(['input_dim', 'input_dtype']);
  });

  it('takes the latest declaration of a name declared again', () => {
    expect(names('x.toUpperC')).to.deep.equal(['toUpperCase']);
  });

  it('sees what the cell being edited declares before the cursor', () => {
    expect(names('const t = tf.zeros([2]);\nt.resh')).to.include('reshape');
  });

  it('describes tf.* with TensorFlow.js\'s own JSDoc, and the call the cursor is in', () => {
    expect(described('tf.zeros')).to.match(/^Declaration: function zeros<R extends Rank>\(shape: ShapeMap\[R\], dtype\?: DataType\): Tensor<R>\nDocstring: Creates a `tf.Tensor` with all elements set to 0./);
    expect(described('tf.zeros([2, ')).to.match(/^Declaration: zeros\(shape: .*\nDocstring: Creates a `tf.Tensor` with all elements set to 0./);
    expect(described('layers.Dense(32, { activa')).to.match(/Keras's `Dense`: a densely connected layer/);
    expect(described('s')).to.equal('Declaration: const s: SequentialInstance');
  });

  it('adds the declaration\'s text at detail level 1; a cell that ran is then kept as its declarations', () => {
    expect(service.inspect('f', 1, 1)?.source).to.equal('function f(): number[] { return [1, 2]; }');
    service.freeze();
    expect(service.inspect('f', 1, 1)?.source).to.equal('declare function f(): number[];');
    // The types inferred from the code are written out.
    expect(described('s')).to.equal('Declaration: const s: SequentialInstance');
    expect(names('s.com')).to.include('compile');
    expect(service.inspect('tf.zeros', 8, 1)?.source).to.match(/^export declare function zeros<R extends Rank>\(shape: ShapeMap\[R\], dtype\?: DataType\): Tensor<R>;/);
  });
});
