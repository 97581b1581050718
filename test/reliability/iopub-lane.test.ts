// How the kernel sends a large stream output: in pieces whose text joins back exactly, one per turn of the event loop,
// in order with everything published after it.
import { expect } from 'chai';
import { IopubLane, streamPieces } from '../../src/server/iopub-lane';

describe('reliability: large stream outputs go out in pieces', () => {
  it('cuts only stream text longer than a piece, never inside a surrogate pair, and joins back exactly', () => {
    const text = `ab${'😀'.repeat(3)}cd`; // each emoji is two UTF-16 code units
    const pieces = streamPieces('stream', { name: 'stdout', text }, 3) as { name: string; text: string }[];
    expect(pieces.map((piece) => piece.text).join('')).to.equal(text);
    expect(pieces.every((piece) => piece.name === 'stdout')).to.equal(true);
    for (const piece of pieces) {
      expect(/[\ud800-\udbff]$/.test(piece.text), `piece ${JSON.stringify(piece.text)} ends inside a pair`).to.equal(false);
    }
    expect(streamPieces('stream', { name: 'stdout', text: 'abc' }, 3)).to.have.length(1);
    expect(streamPieces('display_data', { data: { 'text/plain': 'x'.repeat(10) } }, 3)).to.have.length(1);
  });

  it('keeps the order of everything published, and lets other work run between pieces', async () => {
    const sent: string[] = [];
    const lane = new IopubLane(async (msgType, content) => {
      sent.push(msgType === 'stream' ? (content as { text: string }).text.slice(0, 1) : msgType);
    });
    const big = 'a'.repeat(4 * 1024 * 1024) + 'b'.repeat(4 * 1024 * 1024) + 'c';
    const first = lane.publish('stream', { name: 'stdout', text: big }, {});
    const after = lane.publish('status', { execution_state: 'idle' }, {});
    setImmediate(() => sent.push('other work'));
    await Promise.all([first, after]);
    expect(sent).to.deep.equal(['a', 'other work', 'b', 'c', 'status']);
  });
});
