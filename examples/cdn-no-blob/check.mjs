import {gridShowsRowsAndSorts, placement, switcherSwitches} from '../checks.mjs';

export default async function check(page, t) {
  await placement(page, t, 'main-thread');
  await gridShowsRowsAndSorts(page, t);
  await switcherSwitches(page, t);
}
