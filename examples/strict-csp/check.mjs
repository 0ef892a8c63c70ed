import {everyElementWorks, placement} from '../checks.mjs';

export default async function check(page, t) {
  await placement(page, t, 'worker');
  await everyElementWorks(page, t);
}
