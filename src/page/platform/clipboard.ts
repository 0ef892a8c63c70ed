/**
 * Writes text to the system clipboard. One place for it: clipboard access differs between
 * browsers (permissions, focus, secure contexts), and tests replace it through `copyText`.
 */
export async function writeClipboard(text: string): Promise<void> {
  if (!navigator.clipboard?.writeText) throw new Error('The clipboard is not available here.');
  await navigator.clipboard.writeText(text);
}
