// TypeScript's completions and descriptions through jupyter_client, as JupyterLab asks for them (see
// language_service.py): types of what earlier cells declared, option keys in both spellings, tfjs's own docs, an
// interrupt of the kernel's process group, and a notebook of 300 cells.
import { expect } from 'chai';
import { spawnSync } from 'child_process';
import { jupyterEnv } from '../helpers/jupyter-env';

interface Seen {
  first_seconds: number;
  first_matches: string[];
  service_processes: number;
  service_survived_interrupt: boolean;
  service_outlived_kernel: number[];
  after_interrupt: string;
  typed_matches: string[];
  map_types: { type: string; signature?: string }[];
  s_com: string[];
  fit_keys: string[];
  s_members: string[];
  not_run_yet: string[];
  tf_zeros: string;
  tf_zeros_call: string;
  dense_call: string;
  f_source: string;
  help_query: string[];
  help_call: string[];
  after_300: Record<string, string[]>;
  rss_before_cells_mb: number;
  rss_after_cells_mb: number;
}

describe('the TypeScript language service through jupyter_client', function () {
  this.timeout(240000);
  let seen: Seen;

  before(() => {
    const result = spawnSync('/usr/bin/python3', ['language_service.py'], { cwd: __dirname, env: jupyterEnv(), encoding: 'utf8', timeout: 230000 });
    expect(result.status, `${result.stdout}${result.stderr}`).to.equal(0);
    seen = JSON.parse(result.stdout) as Seen;
  });

  it('answers the first Tab within a second with TypeScript\'s half (the service starts once the API has loaded and the cells have run), and survives a group interrupt', () => {
    expect(seen.first_seconds).to.be.below(1);
    expect(seen.first_matches).to.include('map');
    expect(seen.after_interrupt).to.equal('ok');
  });

  it('runs TypeScript in one process of its own, which a group interrupt does not reach and which ends with the kernel', () => {
    expect(seen.service_processes).to.equal(1);
    expect(seen.service_survived_interrupt).to.equal(true);
    expect(seen.service_outlived_kernel).to.deep.equal([]);
  });

  it('completes from declared types: f().ma without calling f, a later cell\'s model, a model not run yet', () => {
    expect(seen.typed_matches).to.include('map');
    expect(seen.map_types[0].type).to.equal('function');
    expect(seen.map_types[0].signature).to.equal('<U>(callbackfn: (value: number, index: number, array: number[]) => U, thisArg?: any): U[]');
    expect(seen.s_com).to.include('compile');
    expect(seen.not_run_yet).to.deep.equal(['summary']);
  });

  it('completes an option\'s keys inside fit(), in both spellings', () => {
    expect(seen.fit_keys).to.include.members(['batch_size', 'batchSize']);
  });

  it('ranks a model\'s members as a Keras user wants them: favourites first, no _private names, Object\'s last', () => {
    expect(seen.s_members.slice(0, 4)).to.deep.equal(['fit', 'compile', 'evaluate', 'predict']);
    expect(seen.s_members.filter((name) => name.startsWith('_'))).to.deep.equal([]);
    expect(seen.s_members.slice(-2)).to.deep.equal(['toString', 'valueOf']);
  });

  it('documents tf.* with TensorFlow.js\'s JSDoc, by name and inside a call; Keras\'s doc stays the runtime\'s', () => {
    expect(seen.tf_zeros).to.contain('Declaration: function zeros<R extends Rank>(shape: ShapeMap[R], dtype?: DataType): Tensor<R>');
    expect(seen.tf_zeros).to.contain('Docstring:   Creates a `tf.Tensor` with all elements set to 0.');
    expect(seen.tf_zeros_call).to.contain('Creates a `tf.Tensor` with all elements set to 0.');
    expect(seen.dense_call).to.match(/^Signature: {3}Dense\(units, options\?\)\nDocstring: {3}Keras's `Dense`/);
    expect(seen.dense_call).not.to.contain('Declaration:');
    // Detail level 1: the source once, the runtime's.
    expect(seen.f_source.match(/Source:/g)).to.have.length(1);
    expect(seen.f_source).to.contain('Declaration: function f(): number[]');
    // IPython's `name?` pages the same description.
    expect(seen.help_query).to.have.length(1);
    expect(seen.help_query[0]).to.contain('Docstring:   Creates a `tf.Tensor` with all elements set to 0.');
    // So does help() of a value that is a tfjs function, whatever it is called in the cell.
    expect(seen.help_call).to.have.length(1);
    expect(seen.help_call[0]).to.contain('Docstring:   Creates a `tf.Tensor` with all elements set to 1.');
  });

  it('still completes from types after 300 executed cells, within bounded memory', () => {
    expect(seen.after_300['g298(1).pad']).to.include.members(['padStart', 'padEnd']);
    expect(seen.after_300['acc.toFi']).to.deep.equal(['toFixed']);
    expect(seen.after_300['v296.dataS']).to.include('dataSync');
    expect(seen.after_300['f().ma']).to.include('map');
    expect(seen.rss_after_cells_mb - seen.rss_before_cells_mb).to.be.below(150);
  });
});
