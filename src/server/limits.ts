// How much the kernel takes from a client in one message. Clients send code and comm data (jupyter_server lets
// 10 MiB through its websocket unless told otherwise); the large messages, outputs, go the other way and are not
// limited here.

export interface InboundLimits {
  /** Bytes of one message, all frames together. ZeroMQ also applies it to each frame as it arrives, before storing it. */
  maxBytes: number;
  /** Frames of one message: routing identities, the delimiter, the signature, four JSON frames and binary buffers. */
  maxFrames: number;
}

export const DEFAULT_MAX_MESSAGE_MB = 128;
export const DEFAULT_MAX_MESSAGE_FRAMES = 1024;

/** A positive number from the environment, or the default with a note on what was wrong. */
export function positiveSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, warn: (text: string) => void): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (Number.isFinite(value) && value > 0) return value;
  warn(`warning: ${name}=${text} is not a positive number; using ${fallback}`);
  return fallback;
}

/** The limits for shell, control and stdin: TSDL_MAX_MESSAGE_MB and TSDL_MAX_MESSAGE_FRAMES, or the defaults. */
export function inboundLimits(env: NodeJS.ProcessEnv, warn: (text: string) => void): InboundLimits {
  return {
    maxBytes: Math.floor(positiveSetting(env, 'TSDL_MAX_MESSAGE_MB', DEFAULT_MAX_MESSAGE_MB, warn) * 1024 * 1024),
    maxFrames: Math.floor(positiveSetting(env, 'TSDL_MAX_MESSAGE_FRAMES', DEFAULT_MAX_MESSAGE_FRAMES, warn)),
  };
}

/** Why a received message is over the limits, or null. Looks at nothing but frame counts and lengths. */
export function overLimits(frames: readonly Buffer[], limits: InboundLimits): string | null {
  if (frames.length > limits.maxFrames) return `${frames.length} frames, more than the ${limits.maxFrames} allowed`;
  let bytes = 0;
  for (const frame of frames) bytes += frame.length;
  if (bytes > limits.maxBytes) return `${bytes} bytes, more than the ${limits.maxBytes} allowed`;
  return null;
}
