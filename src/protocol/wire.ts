// Multipart wire format: [identities..., '<IDS|MSG>', signature, header, parent_header, metadata, content, buffers...].
import { randomUUID } from 'crypto';
import { Header, JsonObject, Message, PROTOCOL_VERSION } from './messages';
import { ReplayGuard, Signer } from './signing';

export const DELIMITER = '<IDS|MSG>';

export type DecodeResult =
  | { ok: true; message: Message }
  | { ok: false; reason: string; identities: Buffer[]; header?: Header };

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

/**
 * Checks the signature (constant time) and the replay guard before parsing anything, so a forged message is never
 * interpreted. A signed message whose JSON is malformed still yields its identities, so the caller can log it.
 */
export function decode(frames: Buffer[], signer: Signer, replays: ReplayGuard): DecodeResult {
  const split = frames.findIndex((frame) => frame.length === DELIMITER.length && frame.toString() === DELIMITER);
  const identities = split >= 0 ? frames.slice(0, split) : [];
  if (split < 0) return { ok: false, reason: 'no <IDS|MSG> delimiter', identities };
  const rest = frames.slice(split + 1);
  if (rest.length < 5) return { ok: false, reason: `expected 5 frames after the delimiter, got ${rest.length}`, identities };
  const [signature, ...signed] = rest;
  const json = signed.slice(0, 4);
  if (!signer.verify(signature.toString('utf8'), json)) return { ok: false, reason: 'invalid signature', identities };
  if (!replays.admit(signature.toString('utf8'))) return { ok: false, reason: 'replayed signature', identities };
  let header: Header | undefined;
  try {
    header = parseHeader(parseJsonObject(json[0], 'header'));
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
        buffers: signed.slice(4),
      },
    };
  } catch (error) {
    return { ok: false, reason: (error as Error).message, identities, header };
  }
}

export function makeHeader(msgType: string, session: string): Header {
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
