/**
 * The words of `_locales/<locale>/messages.json` (written by the build from the catalogue, see
 * `browser-words.ts`) in a language the user chose, for the code that does not run the catalogue's
 * runtime: `i18n.getMessage` speaks only the browser's own language, so the background reads the
 * chosen language's file itself and substitutes as the browser does. No browser API here.
 */

export interface LocaleMessage {
  message: string;
  description?: string;
  placeholders?: Record<string, {content: string; example?: string}>;
}

export type LocaleMessages = Record<string, LocaleMessage>;

/**
 * A message's text as `i18n.getMessage` gives it: each `$name$` is its placeholder's content, in
 * which `$1`…`$9` are `substitutions` (left as they are when not given, for the caller to fill);
 * `$$` is a dollar sign. `null` when the file has no such message.
 */
export function messageText(messages: LocaleMessages, key: string, substitutions: readonly string[] = []): string | null {
  const entry = Object.hasOwn(messages, key) ? messages[key] : undefined;
  if (typeof entry?.message !== 'string') return null;
  const placeholders = new Map(Object.entries(entry.placeholders ?? {}).map(([name, p]) => [name.toLowerCase(), p.content]));
  const substitute = (text: string): string => text.replace(/\$(\d)/g, (whole, n: string) => substitutions[Number(n) - 1] ?? whole);
  return entry.message.replace(/\$\$|\$([A-Za-z0-9_@]+)\$/g, (whole, name: string | undefined) => {
    if (name === undefined) return '$';
    const content = placeholders.get(name.toLowerCase());
    return content === undefined ? whole : substitute(content);
  });
}
