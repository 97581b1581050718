// The history's file, best effort: created private (0600, a new folder 0700), read in
// whole lines from where the last read ended, appended to with one descriptor for the kernel's life. The first thing
// that fails (a read-only folder, a full disk) is told once and ends saving; the kernel goes on without it.
import { fchmodSync, fstatSync, openSync, readSync, writeSync } from 'fs';
import { dirname } from 'path';
import { makeDirectory } from '../../shared/make-directory';

/** A history file written by an earlier version with the umask's mode holds code: make it private too. */
function keepPrivate(fd: number): void {
  try {
    const stat = fstatSync(fd);
    // Only a regular file: the history may be a link to somewhere else (/dev/null, to keep none).
    if (stat.isFile() && (stat.mode & 0o077) !== 0) fchmodSync(fd, 0o600);
  } catch {
    // not ours to change: it stays as it is
  }
}

export class HistoryFile {
  private fd: number | undefined;
  /** Bytes read so far, always up to the end of a whole line. */
  private readOffset = 0;
  private saving = true;

  constructor(
    readonly path: string,
    private readonly warn: (text: string) => void,
  ) {
    try {
      makeDirectory(dirname(path), 0o700);
      this.fd = openSync(path, 'a+', 0o600);
      keepPrivate(this.fd);
    } catch (error) {
      this.fail(error);
      try {
        this.fd = openSync(path, 'r'); // earlier sessions can still be read
      } catch {
        // no history to read either
      }
    }
  }

  private fail(error: unknown): void {
    if (!this.saving) return;
    this.saving = false;
    this.warn(`history is not saved to ${this.path}: ${(error as Error).message}; the kernel runs on without it`);
  }

  private size(): number {
    return this.fd === undefined ? 0 : fstatSync(this.fd).size;
  }

  /** The whole lines added since the last read; a last line still without its newline waits for the next read. */
  readLines(): string[] {
    if (this.fd === undefined) return [];
    try {
      // Bounded by the size, never "until the end": a device such as /dev/full never ends.
      const buffer = Buffer.alloc(Math.max(0, this.size() - this.readOffset));
      let got = 0;
      while (got < buffer.length) {
        const n = readSync(this.fd, buffer, got, buffer.length - got, this.readOffset + got);
        if (n === 0) break;
        got += n;
      }
      const end = buffer.subarray(0, got).lastIndexOf(0x0a);
      if (end < 0) return [];
      this.readOffset += end + 1;
      return buffer.toString('utf8', 0, end).split('\n');
    } catch (error) {
      this.fail(error);
      return [];
    }
  }

  /** True when the file ends inside a line: a record torn by a kill mid-write. */
  endsMidLine(): boolean {
    try {
      return this.size() > this.readOffset;
    } catch {
      return false;
    }
  }

  /** Appends `text` whole, in the operating system's hands when this returns, or stops saving. */
  append(text: string): void {
    if (!this.saving || this.fd === undefined) return;
    const data = Buffer.from(text);
    try {
      for (let written = 0; written < data.length; ) written += writeSync(this.fd, data, written);
    } catch (error) {
      this.fail(error);
    }
  }
}
