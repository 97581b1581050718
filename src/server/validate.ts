// Turns untrusted request content into typed requests with the spec's defaults, or says what is wrong.
import type {
  CommInfoRequest,
  CommMsg,
  CommOpen,
  CompleteRequest,
  ExecuteRequest,
  HistoryRequest,
  InspectRequest,
  IsCompleteRequest,
  JsonObject,
  ShutdownRequest,
} from '../protocol/messages';

export class InvalidRequest extends Error {
  override name = 'InvalidRequest';
}

function field<T>(content: JsonObject, name: string, type: 'string' | 'number' | 'boolean', fallback?: T): T {
  const value = content[name];
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== type) throw new InvalidRequest(`content.${name} must be a ${type}`);
  return value as T;
}

function objectField(content: JsonObject, name: string): JsonObject {
  const value = content[name] ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidRequest(`content.${name} must be an object`);
  }
  return value as JsonObject;
}

export function executeRequest(content: JsonObject): ExecuteRequest {
  const silent = field<boolean>(content, 'silent', 'boolean', false);
  const expressions = objectField(content, 'user_expressions');
  for (const [name, value] of Object.entries(expressions)) {
    if (typeof value !== 'string') throw new InvalidRequest(`user_expressions.${name} must be a string`);
  }
  return {
    code: field<string>(content, 'code', 'string'),
    silent,
    store_history: field<boolean>(content, 'store_history', 'boolean', !silent) && !silent,
    user_expressions: expressions as Record<string, string>,
    allow_stdin: field<boolean>(content, 'allow_stdin', 'boolean', true),
    stop_on_error: field<boolean>(content, 'stop_on_error', 'boolean', true),
  };
}

export function completeRequest(content: JsonObject): CompleteRequest {
  const code = field<string>(content, 'code', 'string');
  return { code, cursor_pos: field<number>(content, 'cursor_pos', 'number', [...code].length) };
}

export function inspectRequest(content: JsonObject): InspectRequest {
  const code = field<string>(content, 'code', 'string');
  const detail = field<number>(content, 'detail_level', 'number', 0);
  return { code, cursor_pos: field<number>(content, 'cursor_pos', 'number', [...code].length), detail_level: detail ? 1 : 0 };
}

export function isCompleteRequest(content: JsonObject): IsCompleteRequest {
  return { code: field<string>(content, 'code', 'string') };
}

export function historyRequest(content: JsonObject): HistoryRequest {
  const access = field<string>(content, 'hist_access_type', 'string', 'tail');
  if (access !== 'range' && access !== 'tail' && access !== 'search') {
    throw new InvalidRequest(`unknown hist_access_type ${access}`);
  }
  const optionalNumber = (name: string): number | undefined =>
    content[name] === undefined || content[name] === null ? undefined : field<number>(content, name, 'number');
  return {
    output: field<boolean>(content, 'output', 'boolean', false),
    raw: field<boolean>(content, 'raw', 'boolean', true),
    hist_access_type: access,
    session: optionalNumber('session'),
    start: optionalNumber('start'),
    stop: optionalNumber('stop'),
    n: optionalNumber('n'),
    pattern: content.pattern === undefined ? undefined : field<string>(content, 'pattern', 'string'),
    unique: field<boolean>(content, 'unique', 'boolean', false),
  };
}

/** A target_name that is not a string asks for every comm, as an absent one does. */
export function commInfoRequest(content: JsonObject): CommInfoRequest {
  return { target_name: typeof content.target_name === 'string' ? content.target_name : null };
}

export function shutdownRequest(content: JsonObject): ShutdownRequest {
  return { restart: content.restart === true };
}

export function commOpen(content: JsonObject): CommOpen {
  return {
    comm_id: field<string>(content, 'comm_id', 'string'),
    target_name: field<string>(content, 'target_name', 'string'),
    data: objectField(content, 'data'),
  };
}

export function commMsg(content: JsonObject): CommMsg {
  return { comm_id: field<string>(content, 'comm_id', 'string'), data: objectField(content, 'data') };
}
