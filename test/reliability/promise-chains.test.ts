// Promise chains that keep scheduling themselves (`.then(step)` loops) stop at an interrupt as awaits do: the
// interrupted cell fails with InterruptError and its chain takes no further step, busy or idle; TensorFlow.js's own
// promises and later chains still run, and every variable is kept.
import { expect } from 'chai';
import { eventually, sleep } from './helpers';
import { resultText, useKernel } from '../helpers/kernel';

describe('reliability: interrupting .then() chains', function () {
  this.timeout(60000);
  const kernel = useKernel();

  before(async () => {
    expect((await kernel().execute('const kept = 41;')).reply.content.status).to.equal('ok');
  });

  const steps = async (counter: string): Promise<number> => Number(resultText(await kernel().execute(counter)));

  /** The counter has stopped: it does not move while the chain would have taken dozens of steps. */
  async function expectStopped(counter: string): Promise<void> {
    const before = await steps(counter);
    await sleep(300);
    expect(await steps(counter), `${counter} after the interrupt`).to.equal(before);
  }

  it('stops a chain the interrupted cell awaits', async () => {
    const running = kernel().execute(
      'let n = 0;\nfunction step(): any { n++; return tf.nextFrame ? new Promise((r) => setTimeout(r, 1)).then(step) : null }\nawait step()',
    );
    expect(await eventually(() => kernel().allIopub().some((m) => m.header.msg_type === 'execute_input' && String(m.content.code).startsWith('let n = 0')), 5000)).to.equal(true);
    await sleep(300);
    await kernel().request('control', 'interrupt_request', {}, 5000);
    const outcome = await running;
    expect(outcome.reply.content.ename).to.equal('InterruptError');
    expect(await steps('n')).to.be.above(5);
    await expectStopped('n');
  });

  it('stops, when idle, a .catch/.finally chain that a finished cell left running', async () => {
    const started = await kernel().execute(
      'let m = 0;\nfunction again(): any { m++; return Promise.reject(new Error("x")).catch(() => new Promise((r) => setTimeout(r, 1))).finally(again) }\nvoid again(); 0',
    );
    expect(started.reply.content.status).to.equal('ok');
    const moving = await steps('m');
    await sleep(100);
    expect(await steps('m'), 'the chain runs in the background').to.be.above(moving);
    await kernel().request('control', 'interrupt_request', {}, 5000);
    await expectStopped('m');
  });

  it('still runs TensorFlow.js, new chains and every variable after the interrupts', async () => {
    const outcome = await kernel().execute('const total = await tf.tensor([1, 2, 3]).sum().data();\nawait Promise.resolve(kept).then((k) => k + total[0] - 6 + 1)');
    expect(resultText(outcome)).to.equal('42');
  });
});
