/**
 * Saving a file in the browser: the one place that knows how. Exports are built in the data worker
 * and arrive as bytes; this hands them to the browser's download machinery.
 */
import type {ExportedFile} from '../../shared/protocol.js';

const REVOKE_AFTER_MS = 30_000;

/**
 * Saves `file` as a download under its own name: a Blob behind an object URL, clicked through a
 * temporary `<a download>` (no page navigation, works inside shadow-DOM widgets). The URL is
 * revoked once the browser has surely read it, so the Blob's memory is given back.
 */
export function saveFile(file: ExportedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  // Firefox only follows a click on a link that is in the document.
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // The browser reads the Blob after the click returns; revoking too soon can cancel the
    // download, so wait well past it (FileSaver.js waits 40 s for the same reason).
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
