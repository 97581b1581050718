// Huge outputs: a cell printing a string of tens of megabytes, or displaying a bundle as large. Heartbeat runs on a
// thread of its own and keeps answering whatever the main thread does. Control is timed too, for the record: a print
// goes out in pieces between which it is answered (iopub-lane.test.ts), but the executor hands the whole output to
// the main thread in one message first. test/soak/big-output.test.ts prints 500 MB.
import { expect } from 'chai';
import { expectAnswering } from './helpers';
import { answersDuring } from './under-load';
import { streamText, useKernel } from '../helpers/kernel';

describe('reliability: huge outputs', function () {
  this.timeout(180000);
  const kernel = useKernel({ setup: 'const before = 41; const huge = (mb: number) => "x".repeat(mb * 1024 * 1024)' });

  it('answers heartbeat while a cell prints 64 MB, delivered whole in pieces', async () => {
    const { outcome, ...report } = await answersDuring(kernel(), 'console.log(huge(64))', 120000);
    console.log(`      64 MB printed: ${JSON.stringify(report)}`);
    expect(report.slowestHeartbeatMs, 'slowest heartbeat').to.be.below(1000);
    const text = streamText(outcome);
    expect(text.length).to.equal(64 * 1024 * 1024 + 1);
    expect(text.endsWith('x\n')).to.equal(true);
    expect(outcome.outputs.length, 'stream messages').to.be.above(1);
    await expectAnswering(kernel(), 'before + 1', '42');
  });

  it('answers heartbeat while a cell displays a 64 MB bundle', async () => {
    const { outcome, ...report } = await answersDuring(kernel(), 'display.html(huge(64))', 120000);
    console.log(`      64 MB displayed: ${JSON.stringify(report)}`);
    const shown = outcome.outputs.find((m) => m.header.msg_type === 'display_data');
    expect(String((shown?.content.data as Record<string, string>)['text/html']).length).to.equal(64 * 1024 * 1024);
    expect(report.slowestHeartbeatMs, 'slowest heartbeat').to.be.below(1000);
    await expectAnswering(kernel(), 'before + 2', '43');
  });
});
