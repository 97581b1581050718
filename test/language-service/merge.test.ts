// Merging the runtime's completions and descriptions with TypeScript's.
import { expect } from 'chai';
import { mergeCompletions, mergeInspect, mergePages, undocumentedPage } from '../../src/language-service/merge';
import type { CompleteReply, ExecuteReply, InspectReply } from '../../src/protocol/messages';
import type { TypedCompletion } from '../../src/language-service/protocol';

function runtime(code: string, matches: string[], start: number): CompleteReply {
  const types = matches.map((text) => ({ start, end: code.length, text, type: 'function' }));
  return { status: 'ok', matches, cursor_start: start, cursor_end: code.length, metadata: { _jupyter_types_experimental: types } };
}

function typed(start: number, names: string[], member = true): TypedCompletion {
  return { start, member, items: names.map((name) => ({ name, kind: 'function', signature: `(${name})` })) };
}

describe('language-service/merge', () => {
  it('offers TypeScript\'s members where nothing is live (f().ma), with their kinds and signatures', () => {
    const code = 'f().ma';
    const merged = mergeCompletions(runtime(code, [], 6), typed(4, ['map']), code, 6);
    expect(merged.matches).to.deep.equal(['map']);
    expect(merged.cursor_start).to.equal(4);
    expect(merged.metadata._jupyter_types_experimental).to.deep.equal([{ start: 4, end: 6, text: 'map', type: 'function', signature: '(map)' }]);
  });

  it('keeps the live order, adding declared-only members before Object\'s', () => {
    const code = 'm.';
    const merged = mergeCompletions(runtime(code, ['fit', 'compile', 'toString'], 2), typed(2, ['compile', 'fit', 'declaredOnly', 'toString']), code, 2);
    expect(merged.matches).to.deep.equal(['fit', 'compile', 'declaredOnly', 'toString']);
  });

  it('puts an option\'s keys first when the runtime only has unrelated global names', () => {
    const code = 'm.fit(x, y, { ba';
    const merged = mergeCompletions(runtime(code, ['backup'], 14), typed(14, ['batchSize', 'batch_size']), code, 16);
    expect(merged.matches).to.deep.equal(['batchSize', 'batch_size', 'backup']);
  });

  it('hides _private names unless the word starts with _, and ranks Keras\'s favourites first', () => {
    const code = 's.';
    const names = ['_secret', 'apply', 'compile', 'fit', 'getWeights', 'hasOwnProperty', 'zeta'];
    const merged = mergeCompletions(runtime(code, [], 2), typed(2, names), code, 2);
    expect(merged.matches).to.deep.equal(['fit', 'compile', 'getWeights', 'apply', 'zeta', 'hasOwnProperty']);
    const underscore = mergeCompletions(runtime('s._', [], 3), typed(2, names), 's._', 3);
    expect(underscore.matches).to.deep.equal(['_secret']);
  });

  it('adds TypeScript\'s declaration and doc only to an undocumented description', () => {
    const plain = (text: string): InspectReply & { documented?: boolean } => ({ status: 'ok', found: true, data: { 'text/plain': text, 'text/markdown': text }, metadata: {} });
    const description = { fields: [['Declaration', 'function zeros(shape: number[]): Tensor'], ['Docstring', 'Creates zeros.']] as [string, string][] };
    const undocumented = mergeInspect({ ...plain('Signature:   zeros(shape)'), documented: false }, description);
    expect(undocumented.data['text/plain']).to.equal('Signature:   zeros(shape)\nDeclaration: function zeros(shape: number[]): Tensor\nDocstring:   Creates zeros.');
    expect(undocumented).not.to.have.property('documented');
    const documented = mergeInspect({ ...plain('Docstring:   Keras.'), documented: true }, description);
    expect(documented.data['text/plain']).to.equal('Docstring:   Keras.');
    const missing = mergeInspect({ status: 'ok', found: false, data: {}, metadata: {}, documented: false }, description);
    expect(missing.found).to.equal(true);
    expect(missing.data['text/markdown']).to.contain('**Declaration:** `function zeros(shape: number[]): Tensor`');
  });

  it('adds TypeScript\'s description to an undocumented `name?` page and never sends the runtime\'s flag', () => {
    const page = (documented: boolean) => ({ source: 'page', data: { 'text/plain': 'Type:        function', 'text/markdown': '**Type:** `function`' }, start: 0, documented, ...(documented ? {} : { dotted: 'tf.zeros' }) });
    const reply = (documented: boolean): ExecuteReply => ({ status: 'ok', execution_count: 1, payload: [page(documented)], user_expressions: {} });
    const description = { fields: [['Docstring', 'Creates zeros.']] as [string, string][] };
    expect(undocumentedPage(reply(false))).to.equal('tf.zeros');
    expect(undocumentedPage(reply(true))).to.equal(null);
    const merged = mergePages(reply(false), description);
    expect(merged.status === 'ok' && merged.payload[0]).to.deep.equal({
      source: 'page',
      data: { 'text/plain': 'Type:        function\nDocstring:   Creates zeros.', 'text/markdown': '**Type:** `function`\n\nCreates zeros.' },
      start: 0,
    });
    const kept = mergePages(reply(true), description);
    expect(kept.status === 'ok' && kept.payload[0]).to.deep.equal({ source: 'page', data: page(true).data, start: 0 });
  });
});
