import {gridShowsRowsAndSorts, placement, switcherSwitches} from '../checks.mjs';

export default async function check(page, t) {
  await placement(page, t, 'blob-worker');
  await gridShowsRowsAndSorts(page, t);
  await switcherSwitches(page, t);
}
