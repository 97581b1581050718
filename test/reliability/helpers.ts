// What the reliability and soak tests look at from outside the kernel: its listening sockets, its descendants and
// its memory, read from /proc (Linux), whether it still answers, plus a seeded random source so a failing fuzz run can
// be replayed, and a folder the kernel cannot write in.
import { expect } from 'chai';
import { accessSync, chmodSync, constants, mkdtempSync, readdirSync, readFileSync, readlinkSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Header } from '../../src/protocol/messages';
import { resultText, TestKernelClient } from '../helpers/kernel';

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds, polling; false when `timeoutMs` passes first. */
export async function eventually(check: () => boolean, timeoutMs: number, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return true;
    if (Date.now() > deadline) return false;
    await sleep(everyMs);
  }
}

/** A folder this process cannot write in: a read-only one, or, where permission bits do not bind (root), /sys. */
export function readOnlyFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsdl-read-only-'));
  chmodSync(dir, 0o555);
  try {
    accessSync(dir, constants.W_OK);
    return '/sys';
  } catch {
    return dir;
  }
}

/** mulberry32: a small deterministic PRNG. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  let fds: string[] = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes; // the process is gone
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]);
    } catch {
      // closed while we looked
    }
  }
  return inodes;
}

function hexToIp(hex: string): string {
  if (hex.length === 8) return [3, 2, 1, 0].map((i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).join('.');
  return hex === '00000000000000000000000000000000' ? '::' : `ipv6:${hex}`;
}

export interface Listener {
  ip: string;
  port: number;
}

/** TCP sockets in LISTEN state, optionally only those the process `pid` holds. */
export function listeningSockets(pid?: number): Listener[] {
  const inodes = pid === undefined ? null : socketInodes(pid);
  const listeners: Listener[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      if (columns.length < 10 || columns[3] !== '0A') continue;
      if (inodes && !inodes.has(columns[9])) continue;
      const [ip, port] = columns[1].split(':');
      listeners.push({ ip: hexToIp(ip), port: parseInt(port, 16) });
    }
  }
  return listeners;
}

/** Every process whose ancestry leads to `pid`. */
export function descendants(pid: number): number[] {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // exited while we looked
    }
  }
  const found: number[] = [];
  const walk = (parent: number): void => {
    for (const [child, ppid] of parents) {
      if (ppid === parent) {
        found.push(child);
        walk(child);
      }
    }
  };
  walk(pid);
  return found;
}

/** True while `pid` exists and is not a zombie. */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Resident memory of a process (its worker threads included), in MB. */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) / 1024;
}

/** The kernel still answers: heartbeat, a control request, and `cell` (which reads state from before) gives `expected`. */
export async function expectAnswering(kernel: TestKernelClient, cell: string, expected: string): Promise<void> {
  expect(await kernel.heartbeat(1000)).to.be.below(1000);
  const control = await kernel.request('control', 'kernel_info_request', {}, 5000);
  expect((control.parent_header as Header).msg_type).to.equal('kernel_info_request');
  expect(resultText(await kernel.execute(cell))).to.equal(expected);
}
