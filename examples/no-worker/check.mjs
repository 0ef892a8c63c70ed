import {everyElementWorks, placement} from '../checks.mjs';

export default async function check(page, t) {
  await placement(page, t, 'main-thread');
  await everyElementWorks(page, t);
}
