// Holds a cell's execute_reply until a client could have read the cell's outputs at a steady rate. nbclient (behind
// nbconvert --execute and papermill) stops reading a cell's outputs a short while after its reply, so a cell that
// displayed faster than nbclient reads lost the rest while the run reported success. ipykernel never outpaces it
// because Python makes outputs more slowly; tsdl paces the reply rather than the outputs, so no cell runs slower, and
// a cell with fewer outputs than that rate allows for its running time is not held at all.
import { performance } from 'perf_hooks';

/** The outputs a client is assumed to read per second; a cell's reply waits until its outputs fit this rate. */
export const OUTPUTS_PER_SECOND = 1000;
/**
 * Outputs a client reads at once, however fast they came: never paced. Without it, a cell that showed one result
 * within a millisecond had its reply held for the rest of that millisecond.
 */
export const UNPACED_OUTPUTS = 100;

export class ReplyPacing {
  /** Running cells by request id: when each started, and how many messages it has published. */
  private readonly cells = new Map<string, { started: number; outputs: number }>();
  /** Ends every hold now: an interrupt means the user wants control back. */
  private readonly releaseAll = new Set<() => void>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  started(id: string): void {
    this.cells.set(id, { started: this.now(), outputs: 0 });
  }

  /** An output of the cell `id` went out (outputs of a cell that has replied are not counted). */
  published(id: string): void {
    const cell = this.cells.get(id);
    if (cell) cell.outputs += 1;
  }

  /** Resolves when the cell's reply may go: at once for most cells; for a flood of outputs, once it fits the rate. */
  async held(id: string): Promise<void> {
    const cell = this.cells.get(id);
    this.cells.delete(id);
    if (!cell) return;
    const paced = Math.max(0, cell.outputs - UNPACED_OUTPUTS);
    const wait = cell.started + (paced * 1000) / OUTPUTS_PER_SECOND - this.now();
    if (wait <= 0) return;
    await new Promise<void>((resolve) => {
      const release = (): void => {
        clearTimeout(timer);
        this.releaseAll.delete(release);
        resolve();
      };
      const timer = setTimeout(release, wait);
      this.releaseAll.add(release);
    });
  }

  /**
   * Lets every held reply go now, and the replies of cells already started go unheld when they come (a cell whose code
   * has ended may still have its outputs on their way here, its reply behind them).
   */
  release(): void {
    this.cells.clear();
    for (const release of [...this.releaseAll]) release();
  }
}
