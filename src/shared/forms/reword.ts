/**
 * A server's issue worded again in the page's language: the REST contract carries a path and an
 * English message, which is recognised here when it is one of the field rules' messages
 * (`messages-english.ts`). Loaded with that text, when a server's issues arrive.
 */
import {MESSAGES} from './messages-english.js';
import {messageText, type MessageId} from './messages.js';

let englishPatterns: [MessageId, RegExp, string[]][] | null = null;

/**
 * A message that arrived as English text (a server's issue: the REST contract carries path and
 * message only), worded again in the page's language when it is one of ours; else as it came.
 */
export function rewordMessage(text: string): string {
  englishPatterns ??= (Object.keys(MESSAGES) as MessageId[]).map((id) => {
    const names: string[] = [];
    const source = MESSAGES[id].replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{(\w+)\\\}/g, (_, name: string) => (names.push(name), '(.+?)'));
    return [id, new RegExp(`^${source}$`), names];
  });
  for (const [id, pattern, names] of englishPatterns) {
    const m = pattern.exec(text);
    if (m) return messageText(id, Object.fromEntries(names.map((n, i) => [n, m[i + 1]])));
  }
  return text;
}
