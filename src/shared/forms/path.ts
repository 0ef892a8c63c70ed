/**
 * Where a field is, as issues name it: `contacts[2].email`. Apart from the issues themselves, so a
 * form can name its fields without loading the message catalogue.
 */

/** `base.key`, or `key` at the root. */
export function joinPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}
