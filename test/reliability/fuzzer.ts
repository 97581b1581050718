// A seeded generator of hostile multipart messages for a kernel: random frames, valid messages mutated, forged and
// unsigned requests that would bump a counter if they ever ran, signed junk JSON, huge frames.
import { expect } from 'chai';
import { Signer } from '../../src/protocol/signing';
import { DELIMITER, makeHeader } from '../../src/protocol/wire';
import { expectAnswering, seededRandom, sleep } from './helpers';
import { resultText, TestKernelClient } from '../helpers/kernel';

export type Frames = (Buffer | string)[];
export type Channel = 'shell' | 'control' | 'stdin';

/** Message types a signed fuzz message may carry: everything but shutdown, plus names that are not handlers. */
const SIGNED_TYPES = [
  'kernel_info_request', 'execute_request', 'complete_request', 'inspect_request', 'is_complete_request',
  'comm_info_request', 'history_request', 'comm_open', 'comm_msg', 'comm_close', 'input_reply', 'interrupt_request',
  'frobnicate_request', 'constructor', '__proto__', 'hasOwnProperty', 'toString', 'valueOf', '', 'execute_reply',
];

export class Fuzzer {
  readonly random: () => number;
  readonly forged = new Signer('not-the-key');

  constructor(seed: number, private readonly kernel: TestKernelClient) {
    this.random = seededRandom(seed);
  }

  int(n: number): number {
    return Math.floor(this.random() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  bytes(n: number): Buffer {
    const buffer = Buffer.alloc(n);
    for (let i = 0; i < n; i++) buffer[i] = this.int(256);
    return buffer;
  }

  /** Code that cannot touch the counters: no identifiers, only punctuation and digits. */
  junkCode(): string {
    let code = '';
    for (let i = this.int(12); i > 0; i--) code += this.pick(['1', '2', '+', '-', '*', '(', ')', '[', ']', '{', '}', ';', '"', '`', '/', ',', '.', ' ']);
    return code;
  }

  junkJson(depth = 0): unknown {
    switch (this.int(depth > 2 ? 5 : 8)) {
      case 0: return null;
      case 1: return this.random() * 1e6 - 5e5;
      case 2: return this.random() < 0.5;
      case 3: return this.junkCode();
      case 4: return this.bytes(this.int(20)).toString('latin1');
      case 5: return Array.from({ length: this.int(4) }, () => this.junkJson(depth + 1));
      default: {
        const object: Record<string, unknown> = {};
        for (let i = this.int(5); i > 0; i--) {
          object[this.pick(['code', 'msg_id', 'msg_type', 'comm_id', 'data', 'target_name', 'value', 'n', 'cursor_pos', 'x'])] = this.junkJson(depth + 1);
        }
        return object;
      }
    }
  }

  /** Content for a message type, with fields dropped or given the wrong type now and then. */
  content(type: string): Record<string, unknown> {
    const base: Record<string, unknown> = {
      execute_request: { code: this.junkCode(), silent: false, store_history: true, user_expressions: {}, allow_stdin: false, stop_on_error: false },
      complete_request: { code: this.junkCode(), cursor_pos: this.int(20) },
      inspect_request: { code: this.junkCode(), cursor_pos: this.int(20), detail_level: this.int(2) },
      is_complete_request: { code: this.junkCode() },
      history_request: { hist_access_type: this.pick(['tail', 'range', 'search', 'nope']), n: this.int(5), pattern: '*', output: this.random() < 0.5, raw: true },
      comm_open: { comm_id: `c${this.int(5)}`, target_name: this.junkCode(), data: {} },
      comm_msg: { comm_id: `c${this.int(5)}`, data: {} },
      comm_close: { comm_id: `c${this.int(5)}`, data: {} },
      input_reply: { value: this.junkCode() },
    }[type] as Record<string, unknown> | undefined ?? {};
    const content = { ...base };
    for (const key of Object.keys(content)) {
      const roll = this.random();
      if (roll < 0.15) delete content[key];
      else if (roll < 0.3) content[key] = this.junkJson(2);
    }
    return content;
  }

  header(type: string): Record<string, unknown> {
    const header: Record<string, unknown> = { ...makeHeader(type, this.kernel.session) };
    const roll = this.random();
    if (roll < 0.1) delete header[this.pick(['msg_id', 'session', 'msg_type', 'username', 'date', 'version'])];
    else if (roll < 0.2) header[this.pick(['msg_id', 'session', 'msg_type'])] = this.junkJson(2);
    return header;
  }

  /** Four JSON frames, signed with the right key: the kernel may act on them, so they never touch a counter. */
  signedJunk(): Frames {
    const type = this.pick(SIGNED_TYPES);
    const json = [this.header(type), {}, {}, this.content(type)].map((value) => JSON.stringify(value));
    switch (this.int(6)) {
      case 0: json[this.int(4)] = JSON.stringify(this.junkJson()); break; // a frame that is valid JSON but not an object
      case 1: json[this.int(4)] = this.bytes(this.int(40)).toString('latin1'); break; // not JSON at all
      case 2: json[3] = JSON.stringify(this.junkJson()); break; // junk content for a valid header
      default: break; // well-formed, fields dropped or of the wrong type at random
    }
    const frames: Frames = [DELIMITER, this.kernel.signer.sign(json), ...json];
    if (this.random() < 0.1) frames.push(this.bytes(this.int(100))); // extra buffers
    return frames;
  }

  /** An execute_request that bumps `hits` if it ever runs, made unacceptable in one of several ways. */
  forgedExecute(): Frames {
    const header = makeHeader(this.random() < 0.9 ? 'execute_request' : 'shutdown_request', this.kernel.session);
    const content = { code: 'hits += 1', silent: false, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: false };
    const json = [JSON.stringify(header), '{}', '{}', JSON.stringify(content)];
    const good = this.kernel.signer.sign(json);
    const signature = this.pick([
      '',
      this.forged.sign(json),
      good.slice(0, -1),
      `${good}0`,
      good.toUpperCase(),
      good.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
      this.bytes(32).toString('hex'),
    ]);
    // Now and then a signed message whose signed frames were changed after signing.
    if (this.random() < 0.2) return [DELIMITER, good, json[0], json[1], json[2], JSON.stringify({ ...content, code: 'hits += 2' })];
    return [DELIMITER, signature, ...json];
  }

  randomFrames(): Frames {
    const frames: Frames = [];
    for (let i = this.int(10); i >= 0; i--) frames.push(this.random() < 0.1 ? DELIMITER : this.bytes(this.int(200)));
    return frames;
  }

  /** A valid message mutated: a frame dropped, duplicated, truncated or a byte flipped. */
  mutated(): Frames {
    const frames = this.kernel.frames('execute_request', { code: 'hits += 1', silent: false, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: false })
      .map((frame) => Buffer.from(frame));
    const at = 1 + this.int(frames.length - 1);
    switch (this.int(4)) {
      case 0: frames.splice(at, 1); break;
      case 1: {
        // Duplicating the content frame would only add a buffer (buffers are not signed): duplicate a signed-over one.
        const signedOver = 1 + this.int(4);
        frames.splice(signedOver, 0, frames[signedOver]);
        break;
      }
      case 2: frames[at] = frames[at].subarray(0, this.int(frames[at].length)); break;
      default: {
        const copy = Buffer.from(frames[at]);
        if (copy.length > 0) copy[this.int(copy.length)] ^= 1 << this.int(8);
        frames[at] = copy;
      }
    }
    return frames;
  }

  huge(): Frames {
    const big = Buffer.alloc((4 + this.int(8)) * 1024 * 1024, this.int(256));
    if (this.random() < 0.5) return [DELIMITER, 'sig', big, '{}', '{}', '{}'];
    // Signed, with the bulk in metadata: the kernel parses it and answers kernel_info.
    const json = [JSON.stringify(makeHeader('kernel_info_request', this.kernel.session)), '{}', JSON.stringify({ pad: big.toString('base64') }), '{}'];
    return [DELIMITER, this.kernel.signer.sign(json), ...json];
  }

  next(): { channel: Channel; frames: Frames; kind: string } {
    const channel = this.pick(['shell', 'shell', 'control', 'stdin'] as const);
    const roll = this.random();
    if (roll < 0.002) return { channel, frames: this.huge(), kind: 'huge' };
    if (roll < 0.25) return { channel, frames: this.randomFrames(), kind: 'random' };
    if (roll < 0.45) return { channel, frames: this.mutated(), kind: 'mutated' };
    if (roll < 0.6) return { channel, frames: this.forgedExecute(), kind: 'forged' };
    return { channel, frames: this.signedJunk(), kind: 'signed junk' };
  }
}

/**
 * Sends `messages` fuzzed messages (seeded), with replays of one legitimate message mixed in, then checks the kernel
 * is alive, ran none of the forged or replayed ones (a kernel whose context has `hits = 0; legit = 0`), and answers.
 * Returns a one-line summary with the count of each kind and the time taken.
 */
export async function fuzzAndCheck(kernel: TestKernelClient, seed: number, messages: number): Promise<string> {
  const fuzzer = new Fuzzer(seed, kernel);
  // One legitimately signed message, then replays of it mixed into the stream: it must run exactly once.
  const legitimate = kernel.frames('execute_request', { code: 'legit += 1', silent: true, store_history: false, user_expressions: {}, allow_stdin: false, stop_on_error: false });
  await kernel.sendRaw('shell', legitimate);
  const kinds: Record<string, number> = {};
  const started = Date.now();
  for (let i = 0; i < messages; i++) {
    const { channel, frames, kind } = i % 100 === 50 ? { channel: 'shell' as const, frames: legitimate, kind: 'replayed' } : fuzzer.next();
    kinds[kind] = (kinds[kind] ?? 0) + 1;
    await kernel.sendRaw(channel, frames);
  }
  // The shell queue is serial: once this request is answered, everything sent on shell before it was handled.
  const info = await kernel.request('shell', 'kernel_info_request', {}, 120000);
  const elapsed = Date.now() - started;
  expect(info.content.implementation).to.equal('tsdl');
  await sleep(200); // control and stdin are not queued behind shell: let their last messages land
  expect(kernel.process.exitCode).to.equal(null);
  expect(resultText(await kernel.execute('hits'))).to.equal('0');
  await expectAnswering(kernel, 'legit', '1');
  expect(kernel.stderr).to.include('invalid signature').and.include('replayed signature');
  expect(kernel.stderr).not.to.match(/FATAL|Uncaught|unhandled/i);
  return `${messages} messages ${JSON.stringify(kinds)} handled in ${elapsed} ms`;
}
