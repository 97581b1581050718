// Output that outlives its cell, and comm traffic during a cell: timer and promise output goes to the cell running
// when it is printed (or, between cells, to the latest one) and none is lost; comm messages that arrive while a cell
// awaits are all delivered, and the cell's own outputs still name the cell as their parent.
import { expect } from 'chai';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Header, Message } from '../../src/protocol/messages';
import { eventually, sleep } from './helpers';
import { resultText, streamText, useKernel } from '../helpers/kernel';

const parentOf = (message: Message): string => (message.parent_header as Header).msg_id;
const streams = (messages: Message[]): Message[] => messages.filter((m) => m.header.msg_type === 'stream');

describe('reliability: output across cells and comms during a cell', function () {
  this.timeout(60000);
  const kernel = useKernel(() => ({ env: { TSDL_HISTORY_DIR: mkdtempSync(join(tmpdir(), 'tsdl-concurrency-')) } }));

  it('sends timer and promise output to the cell running when it is printed, and loses none', async () => {
    // The first cell leaves a ticker, a timer waiting for a flag and a promise waiting for a release behind; the
    // second cell sets the flag and releases the promise, so both print while it runs.
    const first = await kernel().execute(`
      let tick = 0;
      const ticker = setInterval(() => { console.log('tick ' + tick++); if (tick === 60) clearInterval(ticker); }, 10);
      let go = false;
      const waiter = setInterval(() => { if (go) { clearInterval(waiter); console.log('late timer'); } }, 5);
      let release = () => {};
      void new Promise<void>((r) => (release = r)).then(() => console.log('late promise'));
    `);
    const second = await kernel().execute('go = true; release(); await new Promise((r) => setTimeout(r, 800)); console.log("second done")');
    await kernel().execute('setTimeout(() => console.log("after every cell"), 100); 0');
    const last = kernel().allIopub().filter((m) => m.header.msg_type === 'execute_input').pop() as Message;
    expect(await eventually(() => kernel().allIopub().some((m) => String(m.content.text ?? '').includes('after every cell')), 3000)).to.equal(true);

    const firstId = parentOf(first.reply);
    const secondId = parentOf(second.reply);
    const textOf = (id: string) => streams(kernel().iopubFor(id)).map((m) => String(m.content.text)).join('');
    expect(textOf(secondId)).to.include('late timer').and.include('late promise').and.include('second done');
    expect(textOf(parentOf(last))).to.include('after every cell');
    expect(textOf(firstId)).not.to.include('late');
    // Every tick exactly once and in order, split between the two cells.
    const ticks = (textOf(firstId) + textOf(secondId)).match(/tick \d+/g) ?? [];
    expect(ticks).to.deep.equal(Array.from({ length: 60 }, (_, i) => `tick ${i}`));
  });

  it('delivers every comm message that arrives while a cell awaits, and keeps the cell its own outputs', async () => {
    await kernel().execute(`
      let received = 0;
      comms.registerTarget('echo', (comm) => comm.onMsg((data) => { received += 1; comm.send({ echo: data.n }); }));
    `);
    await kernel().sendRaw('shell', kernel().frames('comm_open', { comm_id: 'echo-1', target_name: 'echo', data: {} }));
    const cell = kernel().execute('for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 40)); console.log("cell output"); "cell result"');
    await sleep(100);
    const sent: string[] = [];
    for (let n = 0; n < 200; n++) {
      const frames = kernel().frames('comm_msg', { comm_id: 'echo-1', data: { n } });
      sent.push(JSON.parse(String(frames[2])).msg_id);
      await kernel().sendRaw('shell', frames);
    }
    const outcome = await cell;
    expect(resultText(outcome)).to.equal("'cell result'");
    expect(streamText(outcome)).to.equal('cell output\n');
    expect(await eventually(() => sent.every((id) => kernel().iopubFor(id).some((m) => m.header.msg_type === 'comm_msg')), 5000)).to.equal(true);
    const echoes = sent.map((id) => (kernel().iopubFor(id).find((m) => m.header.msg_type === 'comm_msg') as Message).content.data);
    expect(echoes).to.deep.equal(Array.from({ length: 200 }, (_, n) => ({ echo: n })));
    expect(resultText(await kernel().execute('received'))).to.equal('200');
  });
});
