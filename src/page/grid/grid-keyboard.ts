/**
 * Where the WAI-ARIA grid pattern's navigation keys move the active cell. Pure, so the rules are
 * easy to read and test apart from the DOM.
 *
 * Positions count the header row as row 0; data row `i` is row `i + 1` (its `aria-rowindex` is
 * `i + 2`).
 */
export interface GridPosition {
  row: number;
  col: number;
}

export interface GridBounds {
  /** Data rows (the header row not counted). */
  rows: number;
  cols: number;
  /** Rows a PageUp/PageDown moves. */
  page: number;
}

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>;

const clamp = (v: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, v));

/** The new position for a navigation key, or `null` if the key does not navigate. */
export function navigate(e: KeyLike, at: GridPosition, b: GridBounds): GridPosition | null {
  if (e.altKey) return null;
  const lastRow = b.rows;
  const lastCol = Math.max(0, b.cols - 1);
  const ctrl = e.ctrlKey || e.metaKey;
  switch (e.key) {
    case 'ArrowDown':
      return {row: clamp(at.row + 1, 0, lastRow), col: at.col};
    case 'ArrowUp':
      return {row: clamp(at.row - 1, 0, lastRow), col: at.col};
    case 'ArrowRight':
      return {row: at.row, col: clamp(at.col + 1, 0, lastCol)};
    case 'ArrowLeft':
      return {row: at.row, col: clamp(at.col - 1, 0, lastCol)};
    case 'Home':
      return ctrl ? {row: 0, col: 0} : {row: at.row, col: 0};
    case 'End':
      return ctrl ? {row: lastRow, col: lastCol} : {row: at.row, col: lastCol};
    case 'PageDown':
      return {row: clamp(at.row + Math.max(1, b.page), 0, lastRow), col: at.col};
    case 'PageUp':
      return {row: clamp(at.row - Math.max(1, b.page), 0, lastRow), col: at.col};
    default:
      return null;
  }
}
