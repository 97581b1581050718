import { expect } from 'chai';
import { chain, codeGeneration, InterruptError, useSharedState } from '../../src/interpreter/runtime/interrupt';
import { SHARED } from '../../src/shared/executor-protocol';

describe('interpreter/interrupt', () => {
  const shared = new Int32Array(SHARED.length);
  before(() => useSharedState(shared));
  // As the main thread does it, from outside the code that runs.
  const interrupt = (): number => Atomics.add(shared, SHARED.interruptGeneration, 1);

  it('stops a chained callback that comes due after an interrupt', () => {
    const step = chain(() => 'ran');
    interrupt();
    expect(step).to.throw(InterruptError);
    expect(chain(() => 'ran')()).to.equal('ran');
  });

  it('stops what a chained callback starts when the interrupt lands while it runs', () => {
    let next: (() => unknown) | null = null;
    let awaitedUnder = -1;
    const first = chain(() => {
      interrupt();
      next = chain(() => 'ran');
      awaitedUnder = codeGeneration();
    });
    first();
    expect(() => next!()).to.throw(InterruptError);
    expect(awaitedUnder, 'an await in the callback answers to its generation').to.not.equal(Atomics.load(shared, SHARED.interruptGeneration));
  });
});
