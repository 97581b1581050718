// Cells that break the builtins the kernel runs on (Object.prototype.then, Promise, Array.prototype.map, JSON, ...):
// the cell answers, the kernel puts the builtins back and says so, and every later cell runs with its variables.
import { expect } from 'chai';
import { sleep } from './helpers';
import { type ExecuteOutcome, resultText, streamText, useKernel } from '../helpers/kernel';

/** A cell that breaks something, and the name the kernel gives what it puts back. */
const POISONINGS: [code: string, restored: string][] = [
  ['Object.prototype.then = function () {}', 'Object.prototype.then'],
  ["Object.defineProperty(Object.prototype, 'then', { get() { throw new Error('no then') }, configurable: true })", 'Object.prototype.then'],
  ['(Function.prototype as any).then = function (resolve: () => void) {}', 'Function.prototype.then'],
  ['Promise = undefined as any', 'Promise'],
  ['globalThis.Promise = class {} as any', 'Promise'],
  ['Promise.prototype.then = function () {} as any', 'Promise.prototype.then'],
  ['(Promise.prototype as any).constructor = undefined', 'Promise.prototype.constructor'],
  ['(Array.prototype as any).map = null', 'Array.prototype.map'],
  ['(Array.prototype as any).push = null', 'Array.prototype.push'],
  ['(Array.prototype as any)[Symbol.iterator] = null', 'Array.prototype[Symbol.iterator]'],
  ['Object.setPrototypeOf(Array.prototype, null)', 'the prototype of Array.prototype'],
  ["JSON.stringify = () => 'x'", 'JSON.stringify'],
  ['(JSON as any).parse = null', 'JSON.parse'],
  ['(Object as any).keys = null', 'Object.keys'],
  ['(Object as any).entries = null', 'Object.entries'],
  ['(Function.prototype as any).call = null', 'Function.prototype.call'],
  ['(Function.prototype as any).apply = null', 'Function.prototype.apply'],
  ['(String.prototype as any).replace = null', 'String.prototype.replace'],
  ['delete (Array as any).isArray', 'Array.isArray'],
  ['(globalThis as any).Map = undefined', 'Map'],
  ['(Set.prototype as any).add = null', 'Set.prototype.add'],
  ['(globalThis as any).Error = undefined', 'Error'],
  ['(globalThis as any).Atomics = undefined', 'Atomics'],
  ['(globalThis as any).String = undefined', 'String'],
  ['(globalThis as any).__tsdl = undefined', '__tsdl'],
];

describe('reliability: cells that break builtins', function () {
  this.timeout(120000);
  const kernel = useKernel();

  before(async () => {
    expect((await kernel().execute('const kept = 41; let count = 0;')).reply.content.status).to.equal('ok');
  });

  /** Results, errors with their traceback, displays and awaits all work, and the variables are there. */
  async function expectHealthy(after: string): Promise<void> {
    expect(resultText(await kernel().execute('kept + 1', {}, 10000)), `a result after ${after}`).to.equal('42');
    const failing = await kernel().execute('count++;\n(null as any).x', {}, 10000);
    expect(failing.reply.content.ename, `an error after ${after}`).to.equal('TypeError');
    expect((failing.reply.content.traceback as string[]).join('\n')).to.contain('Cell In[');
    const rich = await kernel().execute("display.text('shown');\nawait new Promise((r) => setTimeout(r, 1));\n[kept].map((k) => ({ k }))", {}, 10000);
    expect(rich.outputs.filter((m) => m.header.msg_type === 'display_data').map((m) => m.content.data), `a display after ${after}`).to.deep.equal([{ 'text/plain': 'shown' }]);
    expect(resultText(rich), `an awaited result after ${after}`).to.equal('[ { k: 41 } ]');
  }

  function expectRestored(outcome: ExecuteOutcome, name: string): void {
    expect(streamText(outcome, 'stderr')).to.match(/^tsdl: put back builtins that the code replaced, which the kernel relies on: /).and.to.contain(name);
  }

  for (const [code, restored] of POISONINGS) {
    it(`answers \`${code}\`, puts ${restored} back, and keeps going`, async () => {
      const poisoned = await kernel().execute(code, {}, 10000);
      expectRestored(poisoned, restored);
      await expectHealthy(code);
    });
  }

  it('leaves alone what a notebook may set up on purpose', async () => {
    const setup = await kernel().execute(`
      class Buffer { items: number[] = [] }
      const URL = 'https://example.com/data.csv';
      Math.random = () => 0.25;
      Error.stackTraceLimit = 7;
      (Array.prototype as any).total = function () { return this.reduce((a: number, b: number) => a + b, 0) };
      (BigInt.prototype as any).toJSON = function () { return this.toString() };`);
    expect(streamText(setup, 'stderr')).to.equal('');
    const later = await kernel().execute('[new Buffer().items.length, URL.length, Math.random(), Error.stackTraceLimit, ([1, 2, 3] as any).total(), JSON.stringify(5n)]');
    expect(streamText(later, 'stderr')).to.equal('');
    expect(resultText(later)).to.equal("[ 0, 28, 0.25, 7, 6, '\"5\"' ]");
    await expectHealthy('set-ups on purpose');
  });

  it('puts back what a timer broke between cells', async () => {
    await kernel().execute("setTimeout(() => { (Array.prototype as any).map = null; JSON.stringify = () => 'x'; }, 1); 0");
    await sleep(100);
    const next = await kernel().execute('[kept].map((k) => k * 2)', {}, 10000);
    expectRestored(next, 'Array.prototype.map, JSON.stringify');
    expect(resultText(next)).to.equal('[ 82 ]');
    await expectHealthy('a timer that broke builtins');
  });

  it('interrupts a cell that broke Promise and Object.prototype.then and then waits forever', async () => {
    const waiting = kernel().execute('(Promise.prototype as any).then = null;\n(Object.prototype as any).then = () => {};\nawait new Promise(() => {})', {}, 10000);
    await sleep(300);
    await kernel().request('control', 'interrupt_request', {}, 5000);
    const outcome = await waiting;
    expect(outcome.reply.content.ename).to.equal('InterruptError');
    expectRestored(outcome, 'Promise.prototype.then, Object.prototype.then');
    await expectHealthy('an interrupted cell that broke promises');
    // Every probe above counted: no cell was lost or run twice.
    expect(resultText(await kernel().execute('count'))).to.equal(String(POISONINGS.length + 3));
  });
});
