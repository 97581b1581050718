// The connection file Jupyter writes for a kernel: where to bind each channel and how to sign.
import { readFileSync, statSync } from 'fs';

export interface ConnectionInfo {
  transport: 'tcp' | 'ipc';
  ip: string;
  key: string;
  signature_scheme: string;
  shell_port: number;
  control_port: number;
  stdin_port: number;
  iopub_port: number;
  hb_port: number;
}

export type SocketName = 'shell' | 'control' | 'stdin' | 'iopub' | 'hb';

const PORT_FIELDS: Record<SocketName, keyof ConnectionInfo> = {
  shell: 'shell_port',
  control: 'control_port',
  stdin: 'stdin_port',
  iopub: 'iopub_port',
  hb: 'hb_port',
};

export function parseConnectionInfo(json: string): ConnectionInfo {
  const raw: unknown = JSON.parse(json);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error('connection file: not a JSON object');
  const fields = raw as Record<string, unknown>;
  const transport = fields.transport ?? 'tcp';
  if (transport !== 'tcp' && transport !== 'ipc') throw new Error(`connection file: unknown transport ${String(transport)}`);
  const port = (name: string): number => {
    const value = fields[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
      throw new Error(`connection file: ${name} must be a non-negative integer`);
    }
    return value;
  };
  const text = (name: string, fallback: string): string => {
    const value = fields[name] ?? fallback;
    if (typeof value !== 'string') throw new Error(`connection file: ${name} must be a string`);
    return value;
  };
  return {
    transport,
    ip: text('ip', '127.0.0.1'),
    key: text('key', ''),
    signature_scheme: text('signature_scheme', 'hmac-sha256'),
    shell_port: port('shell_port'),
    control_port: port('control_port'),
    stdin_port: port('stdin_port'),
    iopub_port: port('iopub_port'),
    hb_port: port('hb_port'),
  };
}

export function readConnectionFile(path: string): ConnectionInfo {
  return parseConnectionInfo(readFileSync(path, 'utf8'));
}

/**
 * What to tell the user when others may read the connection file: its key lets whoever reads it run code as the
 * kernel's user (Jupyter writes it 0600). Null when only its owner can read it.
 */
export function connectionFileWarning(path: string): string | null {
  let mode: number;
  try {
    mode = statSync(path).mode & 0o777;
  } catch {
    return null;
  }
  if ((mode & 0o044) === 0) return null;
  return `warning: the connection file ${path} can be read by other users (mode ${mode.toString(8).padStart(4, '0')}): anyone who reads its key can run code as you; make it private with chmod 600`;
}

/** The zmq endpoint of one channel: tcp://ip:port, or ipc://ip-N as jupyter_client names ipc endpoints. */
export function endpoint(info: ConnectionInfo, socket: SocketName): string {
  const port = info[PORT_FIELDS[socket]] as number;
  return info.transport === 'tcp' ? `tcp://${info.ip}:${port}` : `ipc://${info.ip}-${port}`;
}
