// A worker that dies while a request other than a cell is pending: the request still gets its own reply type.
import { expect } from 'chai';
import { resultText, useKernel } from '../helpers/kernel';

describe('kernel: the executor dies during a request', function () {
  this.timeout(60000);
  const kernel = useKernel();

  it('answers a complete_request pending when the worker exits with an error complete_reply, then runs cells', async () => {
    // A timer the cell leaves behind holds the worker, then exits it: the complete_request sent meanwhile is pending.
    await kernel().execute('globalThis.boom = 1; setTimeout(() => { const until = Date.now() + 1500; while (Date.now() < until); process.exit(7); }, 100)');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const reply = await kernel().request('shell', 'complete_request', { code: 'boo', cursor_pos: 3 });
    expect(reply.header.msg_type).to.equal('complete_reply');
    expect(reply.content).to.include({ status: 'error', ename: 'KernelRestarted' });
    expect(reply.content.evalue).to.match(/process\.exit\(7\)/);
    expect(reply.content).to.not.have.property('execution_count');
    expect(resultText(await kernel().execute('typeof boom'))).to.equal("'undefined'");
  });
});
