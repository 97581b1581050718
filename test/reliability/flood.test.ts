// Messages too large or with too many frames, from clients with and without the key. ZeroMQ refuses a frame over the
// limit before storing it and holds one message per client; the kernel drops a message with too many frames (or
// bytes) before reading it, and takes one message per turn, so heartbeat (on its own thread), interrupts and cells
// keep answering and the kernel's memory stays bounded. The sizes are scaled down from the report (19 messages of
// 1,000,000 frames; 200 MB frames); test/soak/flood.test.ts sends those.
import { expect } from 'chai';
import { Dealer } from 'zeromq';
import { endpoint } from '../../src/protocol/connection';
import { DELIMITER, makeHeader } from '../../src/protocol/wire';
import { expectAnswering, rssMb, sleep } from './helpers';
import { peakRss, underFlood } from './under-load';
import { resultText, useKernel } from '../helpers/kernel';

describe('reliability: many-framed and oversized messages from clients without the key', function () {
  this.timeout(180000);
  const kernel = useKernel({ setup: 'const before = 41' });

  it('drops 20 messages of 100,000 frames on shell unread, while heartbeat, interrupts and cells answer', async () => {
    const report = await underFlood(kernel(), { shell: 20 }, 100000);
    expect(kernel().stderr).to.include('dropped a message on shell: 100001 frames, more than the 1024 allowed');
    expect(report.slowestHeartbeatMs, 'slowest heartbeat').to.be.below(1000);
    // ZeroMQ hands over a message whole: an interrupt waits for the one being taken apart, not for the flood.
    expect(report.slowestInterruptMs, 'slowest interrupt_reply').to.be.below(4000);
    // One message in hand and one queued, not the whole flood.
    expect(report.peakMb - report.baselineMb, 'kernel RSS growth (MB)').to.be.below(250);
    await expectAnswering(kernel(), 'before + 1', '42');
  });

  it('answers interrupts on control while control and stdin themselves are flooded', async () => {
    const report = await underFlood(kernel(), { control: 4, stdin: 4 }, 100000);
    expect(kernel().stderr).to.include('dropped a message on stdin: 100001 frames, more than the 1024 allowed');
    // Clients are served in turn: an interrupt waits for at most the flood's message in hand.
    expect(report.slowestInterruptMs, 'slowest interrupt_reply').to.be.below(4000);
    expect(report.slowestHeartbeatMs, 'slowest heartbeat').to.be.below(1000);
    await expectAnswering(kernel(), 'before + 2', '43');
  });

  it('disconnects a client sending 300 MB frames when the first frame header arrives, storing none of it', async () => {
    const pid = kernel().process.pid as number;
    const baselineMb = rssMb(pid);
    const stopSampling = peakRss(pid);
    const attacker = new Dealer({ linger: 0 });
    attacker.connect(endpoint(kernel().connection, 'shell'));
    const huge = Buffer.alloc(300 * 1024 * 1024, 7);
    // Sent after the huge ones (ZeroMQ connects again after each disconnect, keeping what is queued): once the kernel
    // logs it, with a reason no other message here gives, it has dealt with them.
    const marker = 'expected 5 frames after the delimiter, got 3';
    try {
      for (let i = 0; i < 3; i++) await attacker.send([DELIMITER, 'sig', huge, '{}', '{}', '{}']);
      await attacker.send([DELIMITER, 'sig', '{}', '{}']);
      const started = Date.now();
      while (!kernel().stderr.includes(marker)) {
        if (Date.now() - started > 60000) throw new Error('the message sent after the huge ones never arrived');
        await sleep(20);
      }
    } finally {
      attacker.close();
    }
    const peakMb = stopSampling();
    console.log(`      3 frames of 300 MB: kernel RSS ${baselineMb.toFixed(0)} → peak ${peakMb.toFixed(0)} MB`);
    expect(peakMb - baselineMb, 'kernel RSS growth (MB)').to.be.below(64);
    await expectAnswering(kernel(), 'before + 3', '44');
  });
});

describe('reliability: message limits set by TSDL_MAX_MESSAGE_MB and TSDL_MAX_MESSAGE_FRAMES', function () {
  this.timeout(60000);
  const kernel = useKernel({ env: { TSDL_MAX_MESSAGE_MB: '1', TSDL_MAX_MESSAGE_FRAMES: '16' }, setup: 'globalThis.hits = 0' });

  /** A signed execute_request that counts in `hits` when it runs; `pad` goes in its metadata, `buffers` after it. */
  const counting = (code: string, pad: number, buffers: number): Buffer[] => {
    const json = [
      JSON.stringify(makeHeader('execute_request', kernel().session)),
      '{}',
      JSON.stringify({ pad: 'p'.repeat(pad) }),
      JSON.stringify({ code: `hits += 1; ${code}`, silent: true, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: false }),
    ];
    return [DELIMITER, kernel().signer.sign(json), ...json, ...Array.from({ length: buffers }, () => 'b')].map((frame) => Buffer.from(frame));
  };

  it('drops signed messages over either limit unread, and runs one just within both', async () => {
    const comment = (chars: number) => `/*${'c'.repeat(chars)}*/`;
    // Frames each under 1 MB, together over it: the kernel drops the message before checking its signature.
    await kernel().sendRaw('shell', counting(comment(600 * 1024), 600 * 1024, 0));
    // With the routing identity, the delimiter, the signature and four JSON frames, 10 buffers make 17 frames.
    await kernel().sendRaw('shell', counting('', 0, 10));
    // 16 frames, 0.9 MB: within both.
    await kernel().sendRaw('shell', counting(comment(900 * 1024), 0, 9));
    // A frame over 1 MB: ZeroMQ disconnects the client. From a connection of its own: a client that connects again
    // under the same routing identity is refused until the kernel has let go of the old connection.
    const other = new Dealer({ linger: 0 });
    other.connect(endpoint(kernel().connection, 'shell'));
    try {
      await other.send(counting(comment(16 * 1024 * 1024), 0, 0));
      // Still queued when the kernel disconnects (16 MB do not fit in the sockets' buffers), then sent on the next
      // connection: when the kernel logs it, it has dealt with the large frame.
      await other.send([DELIMITER, 'after the large frame', '{}']);
      const started = Date.now();
      while (!kernel().stderr.includes('expected 5 frames after the delimiter, got 2')) {
        if (Date.now() - started > 30000) throw new Error('the message sent after the large frame never arrived');
        await sleep(20);
      }
    } finally {
      other.close();
    }
    const ran = await kernel().execute('hits', {}, 30000);
    expect(resultText(ran)).to.equal('1');
    // Named at once, or counted with others when they come close together.
    expect(kernel().stderr).to.match(/on shell: .*\d+ bytes, more than the 1048576 allowed/);
    expect(kernel().stderr).to.match(/on shell: .*17 frames, more than the 16 allowed/);
    await expectAnswering(kernel(), 'hits * 10', '10');
  });
});
