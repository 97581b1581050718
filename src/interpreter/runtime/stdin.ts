// `await input(prompt)` and `await input.password(prompt)`: ask the frontend through an input_request on stdin.
import { currentRequest, flushOutputs, post } from './outbox';

let allowStdin = false;
let waiting: { serial: number; resolve(value: string): void; reject(error: Error): void } | null = null;
let prompts = 0;

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
  flushOutputs();
  prompts += 1;
  const serial = prompts;
  return new Promise((resolve, reject) => {
    waiting = { serial, resolve, reject };
    post({ type: 'input_request', parent, serial, content: { prompt: String(prompt), password } });
  });
}

export const input = Object.assign((prompt = ''): Promise<string> => ask(prompt, false), {
  password: (prompt = ''): Promise<string> => ask(prompt, true),
});

/** The answer to prompt `serial`: one for a prompt already cancelled is dropped, even while a newer one waits. */
export function answerInput(value: string, serial: number): void {
  if (waiting?.serial !== serial) return;
  const pending = waiting;
  waiting = null;
  pending.resolve(value);
}

/** An interrupt or the cell's end cancels a pending prompt. */
export function cancelInput(error: Error): void {
  const pending = waiting;
  waiting = null;
  pending?.reject(error);
}
