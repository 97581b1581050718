// Yielding to the event loop: the receive loops and iopub's lane take one step per turn, so sockets and signals interleave.
/** Resolves on the next turn of the event loop, after the I/O callbacks (other sockets, signals) waiting now. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
