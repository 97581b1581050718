// One reply from two halves: the runtime's (live values, see interpreter/introspection) and TypeScript's (declared
// types, see service.ts). The runtime wins where it knows the value; TypeScript fills in what is not live yet
// (`f().ma`, a variable not run yet, an option's key) and documents what the runtime cannot (`tf.zeros`).
import type { CompleteReply, ExecuteReply, InspectReply, JsonObject, MimeBundle } from '../protocol/messages';
import { isObjectMember, rankedByName, visible } from '../shared/completion-order';
import { indexToCodePoints } from '../shared/code-points';
import { renderDescription, withFields } from '../shared/description';
import type { TypedCompletion, TypedDescription, TypedItem } from './protocol';

interface TypeInfo {
  start: number;
  end: number;
  text: string;
  type: string;
  signature?: string;
}

/**
 * The runtime's matches and TypeScript's, in one list with each item's kind (and a function's signature). `cursor`:
 * the request's cursor as a UTF-16 index into `code`.
 */
export function mergeCompletions(runtime: CompleteReply, typed: TypedCompletion | null, code: string, cursor: number): CompleteReply {
  if (!typed) return runtime;
  const start = indexToCodePoints(code, typed.start);
  const partial = code.slice(typed.start, cursor);
  const items = new Map<string, TypedItem>(typed.items.filter((item) => visible(item.name, partial)).map((item) => [item.name, item]));
  if (items.size === 0) return runtime;
  const live = runtime.matches;
  if (live.length > 0 && runtime.cursor_start !== start) return runtime;

  let matches: string[];
  const liveNames = new Set(live);
  const typedOnly = [...items.keys()].filter((name) => !liveNames.has(name));
  if (live.length === 0 || (typed.member && typedOnly.length === items.size)) {
    // Nothing live, or two unrelated lists (an option's keys in a call, and global names): the typed ones first.
    matches = [...rankedByName([...items.keys()]), ...live];
  } else if (typed.member) {
    // The live object's order (Keras's favourites, own members first), with the declared-only members before
    // Object's.
    let tail = live.length;
    while (tail > 0 && isObjectMember(live[tail - 1])) tail--;
    matches = [...live.slice(0, tail), ...typedOnly, ...live.slice(tail)];
  } else {
    matches = [...new Set([...live, ...typedOnly])].sort();
  }

  const liveTypes = new Map(((runtime.metadata._jupyter_types_experimental as TypeInfo[] | undefined) ?? []).map((info) => [info.text, info]));
  const types = matches.map((text): TypeInfo => {
    const item = items.get(text);
    const info: TypeInfo = liveTypes.get(text) ?? { start, end: runtime.cursor_end, text, type: item?.kind ?? 'instance' };
    // TypeScript's signature, with types, over the runtime's parameter list.
    return item?.signature ? { ...info, signature: item.signature } : info;
  });
  return { ...runtime, matches, cursor_start: start, metadata: { ...runtime.metadata, _jupyter_types_experimental: types } as CompleteReply['metadata'] };
}

/** The name of the first undocumented page in a reply's payload (see help-query.ts's pagePayload), or null. */
export function undocumentedPage(reply: ExecuteReply): string | null {
  const page = reply.status === 'ok' ? reply.payload.find((item) => item.source === 'page' && typeof item.dotted === 'string') : undefined;
  return typeof page?.dotted === 'string' ? page.dotted : null;
}

/**
 * An execute reply whose pager payloads (help(), `name?`) lose the runtime's `documented` and `dotted`; the
 * undocumented ones get `typed`, TypeScript's description of the name undocumentedPage gave, as inspect does.
 */
export function mergePages(reply: ExecuteReply, typed: TypedDescription | null): ExecuteReply {
  if (reply.status !== 'ok' || !reply.payload.some((payload) => payload.source === 'page')) return reply;
  const payload = reply.payload.map((item): JsonObject => {
    if (item.source !== 'page') return item;
    const { documented, dotted: _dotted, data, ...page } = item;
    const merged = mergeInspect({ status: 'ok', found: true, data: data as MimeBundle, metadata: {}, documented: documented === true }, typed);
    return { ...page, data: merged.data };
  });
  return { ...reply, payload };
}

/** The runtime's description, with TypeScript's declaration and doc when the runtime has no documentation. */
export function mergeInspect(runtime: InspectReply & { documented?: boolean }, typed: TypedDescription | null): InspectReply {
  const { documented, ...reply } = runtime;
  if (!typed || documented) return reply;
  const plain = reply.data['text/plain'];
  const markdown = reply.data['text/markdown'];
  if (!reply.found || typeof plain !== 'string' || typeof markdown !== 'string') return { ...reply, found: true, data: { ...renderDescription(typed) } };
  // The runtime's description already has the source where there is one: TypeScript's fields go before it.
  return { ...reply, data: { ...withFields({ 'text/plain': plain, 'text/markdown': markdown }, typed.fields) } };
}
