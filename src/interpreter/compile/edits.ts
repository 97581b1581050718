// Text edits on a source string that remember where every output character came from, so a position in the
// edited code maps back to the original. Insertions at the same offset nest like the syntax they wrap: closing
// text of inner nodes first, then opening text of outer nodes first.

interface Edit {
  start: number;
  end: number;
  text: string;
  /** 'close' sorts before 'open' at the same offset; overwrites behave as openers. */
  side: 'open' | 'close';
  /** Syntax depth of the wrapped node: outer openers first, inner closers first. */
  depth: number;
  seq: number;
}

interface Segment {
  outStart: number;
  inStart: number;
  length: number;
  /** Inserted text: every character in it maps to `inStart`. */
  inserted: boolean;
}

export interface EditedText {
  code: string;
  /** The offset in the original text that produced the character at `outOffset` of the edited code. */
  originalOffset(outOffset: number): number;
}

export class SourceEditor {
  private readonly edits: Edit[] = [];
  private prefix = '';
  private suffix = '';

  constructor(private readonly source: string) {}

  open(pos: number, text: string, depth: number): void {
    this.edits.push({ start: pos, end: pos, text, side: 'open', depth, seq: this.edits.length });
  }

  close(pos: number, text: string, depth: number): void {
    this.edits.push({ start: pos, end: pos, text, side: 'close', depth, seq: this.edits.length });
  }

  /** Text around everything, outside every other edit (even when the source is empty). */
  wrap(prefix: string, suffix: string): void {
    this.prefix = prefix;
    this.suffix = suffix;
  }

  /** Replaces [start, end); newlines removed with the text are added back so later lines keep their numbers. */
  overwrite(start: number, end: number, text: string): void {
    const lost = countNewlines(this.source.slice(start, end)) - countNewlines(text);
    const padded = lost > 0 ? text + '\n'.repeat(lost) : text;
    this.edits.push({ start, end, text: padded, side: 'open', depth: -1, seq: this.edits.length });
  }

  apply(): EditedText {
    const sorted = [...this.edits].sort(
      (a, b) =>
        a.start - b.start ||
        (a.side === b.side ? 0 : a.side === 'close' ? -1 : 1) ||
        (a.side === 'open' ? a.depth - b.depth : b.depth - a.depth) ||
        a.seq - b.seq,
    );
    const segments: Segment[] = [{ outStart: 0, inStart: 0, length: this.prefix.length, inserted: true }];
    let code = this.prefix;
    let cursor = 0;
    const copy = (until: number): void => {
      if (until <= cursor) return;
      segments.push({ outStart: code.length, inStart: cursor, length: until - cursor, inserted: false });
      code += this.source.slice(cursor, until);
      cursor = until;
    };
    for (const edit of sorted) {
      copy(edit.start);
      if (edit.text) {
        segments.push({ outStart: code.length, inStart: edit.start, length: edit.text.length, inserted: true });
        code += edit.text;
      }
      cursor = Math.max(cursor, edit.end);
    }
    copy(this.source.length);
    segments.push({ outStart: code.length, inStart: this.source.length, length: this.suffix.length, inserted: true });
    code += this.suffix;
    return {
      code,
      originalOffset: (outOffset) => {
        let lo = 0;
        let hi = segments.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (segments[mid].outStart <= outOffset) lo = mid;
          else hi = mid - 1;
        }
        const segment = segments[lo];
        if (segment.inserted) return segment.inStart;
        return segment.inStart + Math.min(outOffset - segment.outStart, segment.length);
      },
    };
  }
}

function countNewlines(text: string): number {
  let count = 0;
  for (const ch of text) if (ch === '\n') count++;
  return count;
}

/** Offsets of the start of each line (line n, 1-based, starts at `starts[n - 1]`). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** 1-based line and 0-based column → offset, clamped to the text. */
export function offsetOf(starts: number[], line: number, column: number): number {
  const index = Math.min(Math.max(line, 1), starts.length) - 1;
  return starts[index] + Math.max(column, 0);
}

/** Offset → 1-based line and 0-based column. */
export function positionOf(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] };
}
