// Hostile and broken input over real sockets: forged, replayed and malformed messages are dropped (never run),
// unknown requests get an error reply, and heartbeat and control answer while a cell holds the executor.
import { expect } from 'chai';
import { DELIMITER, makeHeader } from '../../src/protocol/wire';
import { Signer } from '../../src/protocol/signing';
import { resultText, TestKernelClient, useKernel } from '../helpers/kernel';

describe('kernel: bad input and a busy executor', function () {
  this.timeout(60000);
  const kernel = useKernel({ setup: 'globalThis.hits = 0' });

  const executeContent = (code: string) => ({ code, silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false });

  it('never runs a message signed with the wrong key, and logs it', async () => {
    const forged = new Signer('not-the-key');
    const header = makeHeader('execute_request', kernel().session);
    const json = [JSON.stringify(header), '{}', '{}', JSON.stringify(executeContent('hits += 100'))];
    await kernel().sendRaw('shell', [DELIMITER, forged.sign(json), ...json]);
    await kernel().sendRaw('shell', [DELIMITER, '', ...json]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resultText(await kernel().execute('hits'))).to.equal('0');
    expect(kernel().stderr).to.include('invalid signature');
  });

  it('never runs a replayed message', async () => {
    const frames = kernel().frames('execute_request', executeContent('hits += 1'));
    await kernel().sendRaw('shell', frames);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await kernel().sendRaw('shell', frames);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(resultText(await kernel().execute('hits'))).to.equal('1');
    expect(kernel().stderr).to.include('replayed signature');
  });

  it('survives malformed frames and answers a signed request with bad content with an error reply', async () => {
    await kernel().sendRaw('shell', ['garbage']);
    await kernel().sendRaw('shell', [DELIMITER, 'sig', '{']);
    await kernel().sendRaw('control', [DELIMITER, 'x', 'not json', '{}', '{}', '{}']);
    await kernel().sendRaw('stdin', [Buffer.alloc(1024 * 1024, 7)]);
    const reply = await kernel().request('shell', 'execute_request', { code: 42 });
    expect(reply.header.msg_type).to.equal('execute_reply');
    expect(reply.content.status).to.equal('error');
    expect(reply.content.evalue).to.match(/content\.code must be a string/);
    expect(resultText(await kernel().execute('hits'))).to.equal('1');
  });

  it('answers an unknown request type with an error reply', async () => {
    const reply = await kernel().request('shell', 'frobnicate_request', {});
    expect(reply.header.msg_type).to.equal('frobnicate_reply');
    expect(reply.content.status).to.equal('error');
  });

  it('answers heartbeat and control while a cell spins', async () => {
    const running = kernel().execute('const until = Date.now() + 1500; while (Date.now() < until) {}');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const latencies = [];
    for (let i = 0; i < 5; i++) latencies.push(await kernel().heartbeat(500));
    const info = await kernel().request('control', 'kernel_info_request', {}, 500);
    expect(info.content.implementation).to.equal('tsdl');
    expect(Math.max(...latencies)).to.be.below(200);
    expect((await running).reply.content.status).to.equal('ok');
  });

  it('streams output while a synchronous loop still runs', async () => {
    const running = kernel().execute('console.log("early"); const stop = Date.now() + 1000; while (Date.now() < stop) {}');
    const early = await new Promise<number>((resolve) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (kernelStreamSeen(kernel(), 'early')) {
          clearInterval(poll);
          resolve(Date.now() - started);
        }
      }, 20);
    });
    expect(early).to.be.below(800);
    await running;
  });
});

function kernelStreamSeen(kernel: TestKernelClient, text: string): boolean {
  return kernel.allIopub().some((m) => m.header.msg_type === 'stream' && String(m.content.text).includes(text));
}
