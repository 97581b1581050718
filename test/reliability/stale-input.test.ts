// A frontend's answer to an input() that was interrupted arrives late: it must not become the answer to the next
// prompt. Answers carry the input_request's header as parent (the protocol's rule); clients that leave it out
// (jupyter_client's input(), classic Notebook) still answer the prompt that waits.
import { expect } from 'chai';
import type { Message } from '../../src/protocol/messages';
import { eventually, sleep } from './helpers';
import { resultText, TestKernelClient, useKernel } from '../helpers/kernel';

describe('reliability: late answers to interrupted input()', function () {
  this.timeout(60000);
  const kernel = useKernel();
  const requests: Message[] = [];

  before(async () => {
    kernel().onStdin((message) => {
      if (message.header.msg_type === 'input_request') requests.push(message);
    });
    expect((await kernel().execute('const kept = 41;')).reply.content.status).to.equal('ok');
  });

  /** Runs a cell that asks for input and resolves with its input_request once it arrives. */
  async function asking(code: string): Promise<{ request: Message; outcome: ReturnType<TestKernelClient['execute']> }> {
    const seen = requests.length;
    const outcome = kernel().execute(code, { allow_stdin: true });
    expect(await eventually(() => requests.length > seen, 10000), 'an input_request arrived').to.equal(true);
    return { request: requests[seen], outcome };
  }

  async function interrupted(code: string): Promise<Message> {
    const { request, outcome } = await asking(code);
    await kernel().request('control', 'interrupt_request', {}, 5000);
    expect((await outcome).reply.content.ename).to.equal('InterruptError');
    return request;
  }

  it('drops an answer to an interrupted prompt that arrives while the next prompt waits', async () => {
    const old = await interrupted('const first = await input("first? ")');
    const { request, outcome } = await asking('const second = await input("second? "); second');
    await kernel().answerInput(old, 'stale');
    await sleep(200);
    await kernel().answerInput(request, 'fresh');
    expect(resultText(await outcome)).to.equal("'fresh'");
  });

  it('drops an answer to an interrupted prompt that arrives before the next prompt, even without a parent header', async () => {
    const old = await interrupted('const third = await input("third? ")');
    await kernel().answerInput(old, 'stale');
    await kernel().sendRaw('stdin', kernel().frames('input_reply', { value: 'stale, unaddressed' }));
    await sleep(200);
    const { request, outcome } = await asking('const fourth = await input("fourth? "); fourth');
    await sleep(200);
    await kernel().answerInput(request, 'fresh');
    expect(resultText(await outcome)).to.equal("'fresh'");
  });

  it('takes an answer without a parent header for the prompt that waits, and keeps every variable', async () => {
    const { outcome } = await asking('const fifth = await input("fifth? "); `${fifth} ${kept + 1}`');
    await kernel().sendRaw('stdin', kernel().frames('input_reply', { value: 'plain' }));
    expect(resultText(await outcome)).to.equal("'plain 42'");
  });
});
