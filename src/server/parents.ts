// The requests the executor's outputs may name as their parent: execute requests while they run (kept as validated,
// so an output's handling reads their content without checking it again) and the latest comm messages, whose
// handlers may display something.
import type { Message, Request } from '../protocol/messages';

/** How many recent comm messages stay known as parents for the outputs their handlers produce. */
const COMM_PARENTS_KEPT = 256;

export type Parent = Request<'execute_request'> | Message;

export function isExecute(parent: Parent): parent is Request<'execute_request'> {
  return parent.header.msg_type === 'execute_request';
}

export class Parents {
  private readonly byId = new Map<string, Parent>();
  /** Comm messages kept here, oldest first: a comm has no reply that would say when to forget it. */
  private readonly comms: string[] = [];
  /** The latest execute request, running or done: outputs that name no known parent go to it. */
  private latestExecute: Request<'execute_request'> | null = null;

  /** A cell starts: outputs that name it (or none) go to it. */
  addExecute(request: Request<'execute_request'>): void {
    this.byId.set(request.header.msg_id, request);
    this.latestExecute = request;
  }

  /** A comm message reaches the executor; the latest few are kept, so widget traffic cannot leak. */
  addComm(message: Message): void {
    this.byId.set(message.header.msg_id, message);
    this.comms.push(message.header.msg_id);
    while (this.comms.length > COMM_PARENTS_KEPT) this.byId.delete(this.comms.shift() as string);
  }

  /** A cell has been answered. */
  remove(id: string): void {
    this.byId.delete(id);
  }

  get(id: string): Parent | undefined {
    return this.byId.get(id);
  }

  /** The parent of an output naming `id` (null: none): that request, else the latest execute request, if any. */
  of(id: string | null): Parent | null {
    return (id === null ? undefined : this.byId.get(id)) ?? this.latestExecute;
  }

  get latest(): Request<'execute_request'> | null {
    return this.latestExecute;
  }
}
