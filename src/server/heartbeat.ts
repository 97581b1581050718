// The heartbeat channel: echo every message straight back. A ROUTER socket echoes to REQ and DEALER clients alike.
import { Router } from 'zeromq';
import { SendQueue } from './socket-queue';

export async function serveHeartbeat(socket: Router, log: (text: string) => void): Promise<void> {
  const queue = new SendQueue(socket, (error) => log(`heartbeat send failed: ${error.message}`));
  try {
    for await (const frames of socket) void queue.send(frames);
  } catch (error) {
    if (!socket.closed) log(`heartbeat stopped: ${(error as Error).message}`);
  }
}
