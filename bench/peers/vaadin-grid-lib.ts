// What the Vaadin Grid bench uses of `@vaadin/grid`, and a size probe (vite.config.ts).
import '@vaadin/grid/vaadin-grid.js';
import '@vaadin/grid/vaadin-grid-sort-column.js';

export type {Grid} from '@vaadin/grid/vaadin-grid.js';
export type {GridSortColumn} from '@vaadin/grid/vaadin-grid-sort-column.js';
