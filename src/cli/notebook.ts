// nbformat 4 notebooks: reading cells, and turning iopub messages into saved outputs as nbclient does
// (streams merged, display ids updated in place, clear_output honoured, including wait=true).
import type { JsonObject, Message } from '../protocol/messages';

export interface NotebookCell {
  cell_type: 'code' | 'markdown' | 'raw';
  id?: string;
  source: string | string[];
  metadata: JsonObject;
  outputs?: JsonObject[];
  execution_count?: number | null;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: JsonObject;
  cells: NotebookCell[];
}

export function parseNotebook(json: string): Notebook {
  const notebook = JSON.parse(json) as Partial<Notebook>;
  if (notebook.nbformat !== 4 || !Array.isArray(notebook.cells)) throw new Error('not an nbformat 4 notebook');
  return notebook as Notebook;
}

export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** Collects one notebook's outputs; display ids are notebook-wide, so an update reaches earlier cells too. */
export class OutputCollector {
  private readonly byDisplayId = new Map<string, JsonObject[]>();
  private clearPending = false;

  constructor(private readonly cell: NotebookCell) {
    cell.outputs = [];
  }

  retarget(cell: NotebookCell): OutputCollector {
    const next = new OutputCollector(cell);
    for (const [id, outputs] of this.byDisplayId) next.byDisplayId.set(id, outputs);
    return next;
  }

  add(message: Message): void {
    const type = message.header.msg_type;
    const content = message.content;
    const outputs = this.cell.outputs ?? [];
    if (type === 'clear_output') {
      if (content.wait === true) this.clearPending = true;
      else outputs.length = 0;
      return;
    }
    if (type === 'update_display_data') {
      const id = (content.transient as { display_id?: string } | undefined)?.display_id;
      for (const output of (id && this.byDisplayId.get(id)) || []) {
        output.data = content.data;
        output.metadata = content.metadata ?? {};
      }
      return;
    }
    const output = toOutput(type, content);
    if (!output) return;
    if (this.clearPending) {
      outputs.length = 0;
      this.clearPending = false;
    }
    const last = outputs[outputs.length - 1];
    if (output.output_type === 'stream' && last?.output_type === 'stream' && last.name === output.name) {
      last.text = String(last.text) + String(output.text);
      return;
    }
    outputs.push(output);
    const id = (content.transient as { display_id?: string } | undefined)?.display_id;
    if (type === 'display_data' && id) this.byDisplayId.set(id, [...(this.byDisplayId.get(id) ?? []), output]);
  }
}

function toOutput(type: string, content: JsonObject): JsonObject | null {
  switch (type) {
    case 'stream':
      return { output_type: 'stream', name: content.name, text: content.text };
    case 'display_data':
      return { output_type: 'display_data', data: content.data, metadata: content.metadata ?? {} };
    case 'execute_result':
      return { output_type: 'execute_result', execution_count: content.execution_count, data: content.data, metadata: content.metadata ?? {} };
    case 'error':
      return { output_type: 'error', ename: content.ename, evalue: content.evalue, traceback: content.traceback };
    default:
      return null;
  }
}
