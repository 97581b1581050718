/** Resolves on the next turn of the event loop, after the I/O callbacks (other sockets, signals) waiting now. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
