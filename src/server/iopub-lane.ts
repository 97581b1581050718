// Publishes iopub messages in the order they come. A large stream output goes out in pieces, one per turn of the
// event loop: encoding and signing hundreds of megabytes at once would hold the main thread, and with it control
// requests, interrupts and signals, until the last byte was signed.
import type { Header, MessageExtras } from '../protocol/messages';
import { nextTurn } from './next-turn';

/** Characters of stream text per message. */
export const STREAM_PIECE_CHARS = 4 * 1024 * 1024;

type Parent = Header | Record<string, never>;
type Send = (msgType: string, content: unknown, parent: Parent, extras?: MessageExtras) => Promise<void>;

/** The messages a stream output goes out as, each at most `size` characters, never splitting a surrogate pair. */
export function streamPieces(msgType: string, content: unknown, size = STREAM_PIECE_CHARS): unknown[] {
  if (msgType !== 'stream' || typeof content !== 'object' || content === null) return [content];
  const text = (content as { text?: unknown }).text;
  if (typeof text !== 'string' || text.length <= size) return [content];
  const pieces: unknown[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && end - 1 > start && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push({ ...content, text: text.slice(start, end) });
    start = end;
  }
  return pieces;
}

export class IopubLane {
  /** Settles when every piece waiting for a later turn has gone out; null when none waits. */
  private backlog: Promise<void> | null = null;

  constructor(private readonly send: Send) {}

  /** Resolves once the message (its last piece) is handed to the socket. */
  publish(msgType: string, content: unknown, parent: Parent, extras?: MessageExtras): Promise<void> {
    const pieces = streamPieces(msgType, content);
    // Only streams are cut into pieces, and they carry no extras (metadata, buffers): a comm message goes whole.
    const sendPiece = (piece: unknown) => () => this.send(msgType, piece, parent, extras);
    if (this.backlog === null) {
      // Nothing waits: the first piece goes out now, synchronously, as a small message always does.
      const sent = this.send(msgType, pieces[0], parent, extras);
      return pieces.length === 1 ? sent : this.later(sent, pieces.slice(1).map(sendPiece));
    }
    return this.later(this.backlog, pieces.map(sendPiece));
  }

  private later(after: Promise<void>, steps: (() => Promise<void>)[]): Promise<void> {
    const done = (async () => {
      await after;
      for (const step of steps) {
        await nextTurn();
        await step();
      }
    })();
    this.backlog = done;
    const clear = (): void => {
      if (this.backlog === done) this.backlog = null;
    };
    void done.then(clear, clear);
    return done;
  }
}
