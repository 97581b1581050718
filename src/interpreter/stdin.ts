// `await input(prompt)` and `await input.password(prompt)`: ask the frontend through an input_request on stdin.
import { currentRequest, flushStreams, post } from './outbox';

let allowStdin = false;
let waiting: { resolve(value: string): void; reject(error: Error): void } | null = null;

export class StdinNotAllowedError extends Error {
  override name = 'StdinNotAllowedError';
}

export function setAllowStdin(allowed: boolean): void {
  allowStdin = allowed;
}

function ask(prompt: string, password: boolean): Promise<string> {
  const parent = currentRequest();
  if (!allowStdin || parent === null) {
    return Promise.reject(new StdinNotAllowedError('input() is not available: this frontend does not support stdin (allow_stdin is false)'));
  }
  if (waiting) return Promise.reject(new Error('input() is already waiting for an answer'));
  flushStreams();
  return new Promise((resolve, reject) => {
    waiting = { resolve, reject };
    post({ type: 'input_request', parent, prompt: String(prompt), password });
  });
}

export const input = Object.assign((prompt = ''): Promise<string> => ask(prompt, false), {
  password: (prompt = ''): Promise<string> => ask(prompt, true),
});

export function answerInput(value: string): void {
  const pending = waiting;
  waiting = null;
  pending?.resolve(value);
}

/** An interrupt or the cell's end cancels a pending prompt. */
export function cancelInput(error: Error): void {
  const pending = waiting;
  waiting = null;
  pending?.reject(error);
}
