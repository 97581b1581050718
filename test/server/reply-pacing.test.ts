// Reply pacing with a clock of the test's own: which replies wait, how long, and what an interrupt lets go.
import { expect } from 'chai';
import { OUTPUTS_PER_SECOND, ReplyPacing, UNPACED_OUTPUTS } from '../../src/server/reply-pacing';

/** Whether `promise` settles within a few turns of the event loop. */
async function settlesSoon(promise: Promise<void>): Promise<boolean> {
  let settled = false;
  void promise.then(() => (settled = true));
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe('reply pacing', () => {
  let now = 0;
  const pacing = () => new ReplyPacing(() => now);
  beforeEach(() => (now = 1_000_000));

  it('lets the reply of a cell with few outputs go at once', async () => {
    const paced = pacing();
    paced.started('a');
    for (let i = 0; i < 10; i++) paced.published('a');
    now += 1000;
    expect(await settlesSoon(paced.held('a'))).to.equal(true);
  });

  it('lets the reply of a cell go at once however fast it showed its first outputs', async () => {
    const paced = pacing();
    paced.started('a');
    for (let i = 0; i < UNPACED_OUTPUTS; i++) paced.published('a');
    expect(await settlesSoon(paced.held('a'))).to.equal(true);
    paced.started('b');
    for (let i = 0; i < UNPACED_OUTPUTS + OUTPUTS_PER_SECOND; i++) paced.published('b');
    const held = paced.held('b');
    expect(await settlesSoon(held)).to.equal(false);
    now += 1000;
    paced.release();
    await held;
  });

  it('holds the reply of a cell that published faster than the rate, and lets it go on release', async () => {
    const paced = pacing();
    paced.started('a');
    for (let i = 0; i < OUTPUTS_PER_SECOND * 30; i++) paced.published('a');
    const held = paced.held('a');
    expect(await settlesSoon(held)).to.equal(false);
    paced.release();
    expect(await settlesSoon(held)).to.equal(true);
  });

  it('does not hold the reply of a cell that had started when the interrupt came, though its reply comes after', async () => {
    const paced = pacing();
    paced.started('a');
    for (let i = 0; i < OUTPUTS_PER_SECOND * 30; i++) paced.published('a');
    paced.release();
    paced.published('a');
    expect(await settlesSoon(paced.held('a'))).to.equal(true);
    // A cell started after the interrupt is paced again.
    paced.started('b');
    for (let i = 0; i < OUTPUTS_PER_SECOND * 30; i++) paced.published('b');
    const held = paced.held('b');
    expect(await settlesSoon(held)).to.equal(false);
    paced.release();
    await held;
  });
});
