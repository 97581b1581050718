// zeromq.js hands a message over as one JavaScript object per frame, a few hundred bytes each. V8 collects them only
// once its heap has grown a long way: a flood of million-frame messages, dropped unread, still grew the kernel by
// gigabytes. So once the kernel has dropped this many frames, it asks V8 for a full collection, which finds them
// all dead and is quick; what an attacker's frames can hold is then about one message's worth.
import { setFlagsFromString } from 'v8';
import { runInNewContext } from 'vm';

const FRAMES_PER_COLLECTION = 100_000;

let collect: (() => void) | null | undefined;

/**
 * V8's gc(): the global one when node runs with --expose-gc, else one taken from a context created while the flag was
 * on for a moment, so later contexts (the user's) do not get it.
 */
function collector(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined && typeof exposed === 'function') collect = exposed;
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    } finally {
      setFlagsFromString('--no-expose-gc');
    }
  }
  return collect;
}

export class FrameGarbage {
  private frames = 0;

  /** Counts the frames of a dropped message, which must no longer be referenced. */
  dropped(frames: number): void {
    this.frames += frames;
    if (this.frames < FRAMES_PER_COLLECTION) return;
    this.frames = 0;
    collector()?.();
  }
}
