// Multipart wire format: [identities..., '<IDS|MSG>', signature, header, parent_header, metadata, content, buffers...].
import { randomUUID } from 'crypto';
import { Header, JsonObject, Message, PROTOCOL_VERSION } from './messages';
import type { ReplayGuard } from './replay-guard';
import type { Signer } from './signing';

export const DELIMITER = '<IDS|MSG>';

export type DecodeResult = { ok: true; message: Message } | Failure;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJsonObject(frame: Buffer, name: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(frame.toString('utf8'));
  } catch {
    throw new Error(`${name} is not valid JSON`);
  }
  if (!isObject(value)) throw new Error(`${name} is not a JSON object`);
  return value;
}

function parseHeader(value: JsonObject): Header {
  const text = (name: keyof Header): string => {
    const field = value[name];
    if (typeof field !== 'string') throw new Error(`header.${name} is missing or not a string`);
    return field;
  };
  return {
    msg_id: text('msg_id'),
    session: text('session'),
    username: typeof value.username === 'string' ? value.username : '',
    date: typeof value.date === 'string' ? value.date : '',
    msg_type: text('msg_type'),
    version: typeof value.version === 'string' ? value.version : PROTOCOL_VERSION,
  };
}

/** A message cut at its delimiter, nothing read yet. */
interface Parts {
  identities: Buffer[];
  signature: string;
  /** header, parent_header, metadata and content: what the signature covers. */
  json: Buffer[];
  buffers: Buffer[];
}

type Failure = { ok: false; reason: string; identities: Buffer[]; header?: Header };

/** Cuts a message at its delimiter, or says why it is not a Jupyter message. */
function split(frames: Buffer[]): Parts | Failure {
  const at = frames.findIndex((frame) => frame.length === DELIMITER.length && frame.toString() === DELIMITER);
  const identities = at >= 0 ? frames.slice(0, at) : [];
  if (at < 0) return { ok: false, reason: 'no <IDS|MSG> delimiter', identities };
  const rest = frames.slice(at + 1);
  if (rest.length < 5) return { ok: false, reason: `expected 5 frames after the delimiter, got ${rest.length}`, identities };
  return { identities, signature: rest[0].toString('utf8'), json: rest.slice(1, 5), buffers: rest.slice(5) };
}

/**
 * Reads a correctly signed message: its header first, which the replay guard checks before anything else is parsed. A
 * replay is refused without its header, so nothing answers it; a message whose JSON is malformed keeps its header, so
 * the caller can answer it with an error.
 */
function parse(parts: Parts, replays: ReplayGuard): DecodeResult {
  const { identities, json } = parts;
  let header: Header | undefined;
  try {
    header = parseHeader(parseJsonObject(json[0], 'header'));
  } catch (error) {
    return { ok: false, reason: (error as Error).message, identities };
  }
  const refused = replays.check(parts.signature, header);
  if (refused !== null) return { ok: false, reason: refused, identities };
  try {
    const parent = parseJsonObject(json[1], 'parent_header');
    const metadata = parseJsonObject(json[2], 'metadata');
    const content = parseJsonObject(json[3], 'content');
    return {
      ok: true,
      message: {
        identities,
        header,
        parent_header: Object.keys(parent).length > 0 ? (parent as unknown as Header) : {},
        metadata,
        content,
        buffers: parts.buffers,
      },
    };
  } catch (error) {
    return { ok: false, reason: (error as Error).message, identities, header };
  }
}

/**
 * Checks the signature (constant time) before reading anything, so a forged message is never interpreted; then the
 * replay guard, on the header alone.
 */
export function decode(frames: Buffer[], signer: Signer, replays: ReplayGuard): DecodeResult {
  const parts = split(frames);
  if ('ok' in parts) return parts;
  if (!signer.verify(parts.signature, parts.json)) return { ok: false, reason: 'invalid signature', identities: parts.identities };
  return parse(parts, replays);
}

export function makeHeader<T extends string>(msgType: T, session: string): Header<T> {
  return {
    msg_id: randomUUID(),
    session,
    username: 'tsdl',
    date: new Date().toISOString(),
    msg_type: msgType,
    version: PROTOCOL_VERSION,
  };
}

export interface OutgoingMessage {
  identities: Buffer[];
  header: Header;
  parent_header: Header | Record<string, never>;
  metadata: JsonObject;
  content: unknown;
  buffers?: Buffer[];
}

export function encode(message: OutgoingMessage, signer: Signer): (Buffer | string)[] {
  const json = [
    JSON.stringify(message.header),
    JSON.stringify(message.parent_header),
    JSON.stringify(message.metadata),
    JSON.stringify(message.content),
  ];
  return [...message.identities, DELIMITER, signer.sign(json), ...json, ...(message.buffers ?? [])];
}
