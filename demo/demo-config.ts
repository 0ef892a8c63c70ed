/**
 * The demo's sign-in and dataset choice, kept in the URL (`?as=reseller&size=100000`) so a reload
 * or a shared link shows the same thing. Changing either reloads the page with a new data client.
 */
import {DEMO_USERS} from '../src/shared/demo-tenant.js';
import {DataClient} from '../src/page/data-client.js';
import type {LocalBackendConfig} from '../src/shared/contract/backend.js';

export const SIGN_INS = {
  distributor: {label: 'Distributor admin (Northgate Distribution)', userId: DEMO_USERS.distributorAdmin},
  reseller: {label: 'Reseller admin (Bytebridge Managed Services)', userId: DEMO_USERS.resellerAdmin},
  customer: {label: 'Customer admin (first customer of Bytebridge)', userId: DEMO_USERS.customerAdmin},
} as const;
export type SignIn = keyof typeof SIGN_INS;

export const SIZES = [2000, 100_000] as const;

export function currentDemo(): {as: SignIn; size: number; config: LocalBackendConfig; user: string} {
  const params = new URLSearchParams(location.search);
  const as = (Object.keys(SIGN_INS) as SignIn[]).find((k) => k === params.get('as')) ?? 'distributor';
  const size = SIZES.find((s) => String(s) === params.get('size')) ?? SIZES[0];
  const user = SIGN_INS[as].userId;
  return {as, size, config: {kind: 'local', organizations: size, userId: user}, user};
}

export async function switchDemo(change: {as?: SignIn; size?: number}): Promise<void> {
  const params = new URLSearchParams(location.search);
  if (change.as) {
    // What a host does when a user signs out: nothing of theirs stays for the next one.
    const {config, user} = currentDemo();
    await DataClient.shared({config, user})
      .signOut()
      .catch(() => undefined);
    params.set('as', change.as);
    // Another user's acting tenant means nothing (or is refused) for this one: start at home.
    params.delete('tenant');
  }
  if (change.size) params.set('size', String(change.size));
  location.search = params.toString();
}
