// Data a cell hands to display or comms that JSON cannot hold (a BigInt, a cycle, a function) fails that cell with
// a clear error; the kernel, its heartbeat and every variable stay. The server's own send drops what it cannot encode
// and logs it, and a request still gets its reply.
import { expect } from 'chai';
import { type ExecuteOutcome, resultText, useKernel } from '../helpers/kernel';

describe('reliability: display and comm data that is not JSON', function () {
  this.timeout(60000);
  const kernel = useKernel();

  before(async () => {
    const setup = await kernel().execute(`
      const kept = 41;
      const bigDisplay = { [Symbol.for('Jupyter.display')]: () => ({ 'application/json': { n: 4n } }) };
      const loop: Record<string, unknown> = {};
      loop.self = loop;
      const loopDisplay = { [Symbol.for('Jupyter.display')]: () => ({ 'application/json': loop }) };
    `);
    expect(setup.reply.content.status).to.equal('ok');
  });

  /** The cell failed with `evalue`, shown as an error output too; the kernel answers with its variables. */
  async function expectCellError(outcome: ExecuteOutcome, evalue: RegExp): Promise<void> {
    expect(outcome.reply.content.status, JSON.stringify(outcome.reply.content)).to.equal('error');
    expect(outcome.reply.content.ename).to.equal('TypeError');
    expect(outcome.reply.content.evalue).to.match(evalue);
    const shown = outcome.outputs.filter((m) => m.header.msg_type === 'error').map((m) => m.content.evalue);
    expect(shown).to.deep.equal([outcome.reply.content.evalue]);
    expect(resultText(await kernel().execute('kept + 1'))).to.equal('42');
    expect(await kernel().heartbeat()).to.be.a('number');
    expect(kernel().process.exitCode).to.equal(null);
  }

  it('fails display.json of a BigInt, saying where', async () => {
    const outcome = await kernel().execute('display.json({ n: 4n })');
    await expectCellError(outcome, /^display data must be JSON: Do not know how to serialize a BigInt \(at data\["application\/json"\]\.n\)$/);
  });

  it('fails display() of a Jupyter.display bundle holding a BigInt, saying where', async () => {
    const outcome = await kernel().execute('display(bigDisplay)');
    await expectCellError(outcome, /^display data must be JSON: Do not know how to serialize a BigInt \(at data\["application\/json"\]\.n\)$/);
    expect(outcome.outputs.filter((m) => m.header.msg_type === 'display_data')).to.deep.equal([]);
  });

  it('fails a cell whose result is a Jupyter.display bundle with a BigInt or a cycle', async () => {
    await expectCellError(await kernel().execute('bigDisplay'), /^display data must be JSON: Do not know how to serialize a BigInt/);
    await expectCellError(await kernel().execute('loopDisplay'), /^display data must be JSON: Converting circular structure to JSON \(at data\["application\/json"\]\.self\)$/);
  });

  it('fails comms.open with a BigInt and leaves no comm open', async () => {
    const outcome = await kernel().execute("comms.open('tsdl.test', { n: 4n })");
    await expectCellError(outcome, /^comm data must be JSON: Do not know how to serialize a BigInt \(at data\.n\)$/);
    expect(outcome.outputs.filter((m) => m.header.msg_type === 'comm_open')).to.deep.equal([]);
    const info = await kernel().request('shell', 'comm_info_request', { target_name: 'tsdl.test' });
    expect(info.content.comms).to.deep.equal({});
  });

  it('fails comm.send of a cycle or a function, and the comm still sends JSON', async () => {
    const opened = await kernel().execute("const comm = comms.open('tsdl.test', {})");
    expect(opened.reply.content.status).to.equal('ok');
    await expectCellError(await kernel().execute('comm.send(loop)'), /^comm data must be JSON: Converting circular structure to JSON \(at data\.self\)$/);
    await expectCellError(await kernel().execute('comm.send({ f: () => 1 })'), /^comm data must be JSON: .*could not be cloned/);
    const sent = await kernel().execute('comm.send({ n: Number(4n) })');
    expect(sent.outputs.filter((m) => m.header.msg_type === 'comm_msg').map((m) => m.content.data)).to.deep.equal([{ n: 4 }]);
  });

  it('answers with an error reply when its own reply cannot be encoded, and logs what it dropped', async () => {
    // user_expressions come back in the execute_reply itself, not through the worker's outputs.
    const outcome = await kernel().execute('const afterwards = kept + 1', { user_expressions: { shown: 'bigDisplay' } });
    expect(outcome.reply.content.status).to.equal('error');
    expect(outcome.reply.content.evalue).to.match(/could not send its execute_reply, whose content is not JSON: Do not know how to serialize a BigInt/);
    expect(kernel().stderr).to.match(/dropped execute_reply: its content is not JSON: Do not know how to serialize a BigInt/);
    expect(resultText(await kernel().execute('afterwards'))).to.equal('42');
  });
});
