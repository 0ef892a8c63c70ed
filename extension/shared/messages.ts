/**
 * The messages the background accepts, and the typed rejection of everything else. Every message
 * is untrusted input: checked for its sender, its size and its exact shape before anything runs.
 */

/** The largest message the background reads (its JSON form). */
export const MAX_MESSAGE_BYTES = 2048;
/** The most text the bridge may pass as a customer's name or id. */
export const MAX_HINT_LENGTH = 200;

export type Request =
  /** Any extension page: is the background alive (tests, and pages after an update). */
  | {type: 'ping'}
  /** The bridge's content script, on a portal origin the user granted: what to look for. */
  | {type: 'bridge-config'}
  /** The bridge's content script: the user pressed "Open in Tenantry" for this customer. */
  | {type: 'bridge-open'; hint: string};

export type RejectionCode = 'too-large' | 'bad-shape' | 'unknown-type' | 'bad-sender' | 'not-enabled' | 'failed';

export interface Rejection {
  ok: false;
  error: {code: RejectionCode; message: string};
}

/** The bridge's button in the user's language (`lang`): `title` holds `$1` where the customer's name goes. */
export interface BridgeOffer {
  lang: string;
  label: string;
  title: string;
}

export type Reply =
  | {ok: true; type: 'pong'}
  | {ok: true; type: 'bridge-config'; urlPattern: string; selector: string; offer: BridgeOffer}
  | {ok: true; type: 'bridge-opened'}
  | Rejection;

export const reject = (code: RejectionCode, message: string): Rejection => ({ok: false, error: {code, message}});

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** The size of a message as JSON; `Infinity` for anything JSON cannot hold. */
function sizeOf(raw: unknown): number {
  try {
    const json = JSON.stringify(raw);
    return json === undefined ? Infinity : json.length;
  } catch {
    return Infinity;
  }
}

/** The one request `raw` is, or the rejection saying why it is none. Extra keys are refused. */
export function parseRequest(raw: unknown): Request | Rejection {
  if (sizeOf(raw) > MAX_MESSAGE_BYTES) return reject('too-large', `A message may hold at most ${MAX_MESSAGE_BYTES} bytes.`);
  if (!isPlainObject(raw) || typeof raw.type !== 'string') return reject('bad-shape', 'A message is an object with a string `type`.');
  const keys = Object.keys(raw).sort().join(',');
  switch (raw.type) {
    case 'ping':
    case 'bridge-config':
      return keys === 'type' ? {type: raw.type} : reject('bad-shape', `\`${raw.type}\` takes no other field.`);
    case 'bridge-open': {
      const hint = raw.hint;
      if (keys !== 'hint,type' || typeof hint !== 'string') return reject('bad-shape', '`bridge-open` takes exactly a string `hint`.');
      const clean = hint.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g, ' ').trim();
      if (!clean || clean.length > MAX_HINT_LENGTH) return reject('bad-shape', `A hint has 1 to ${MAX_HINT_LENGTH} visible characters.`);
      return {type: 'bridge-open', hint: clean};
    }
    default:
      return reject('unknown-type', 'Unknown message type.');
  }
}

export const isRejection = (v: Request | Rejection): v is Rejection => 'ok' in v && v.ok === false;
