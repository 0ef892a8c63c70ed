/**
 * Trusted Types for the one script URL sink Tenantry uses itself (starting its data worker; Lit's
 * templates go through Lit's own `lit-html` policy). A page enforcing Trusted Types
 * (`require-trusted-types-for 'script'`) must allow the policy by name: `trusted-types tenantry`
 * (beside `lit-html`). The policy passes only URLs this module was asked to vouch for just before.
 */

/** The policy's name, for a host's `trusted-types` directive. */
export const TRUSTED_TYPES_POLICY = 'tenantry';

interface ScriptUrlPolicy {
  createScriptURL(url: string): object;
}
interface TrustedTypesFactory {
  createPolicy(name: string, rules: {createScriptURL(url: string): string}): ScriptUrlPolicy;
}

interface PolicyState {
  policy: ScriptUrlPolicy | null;
  allowed: Set<string>;
}

// One policy per page even when two Tenantry bundles run on it: a second `createPolicy` with the
// same name would need `'allow-duplicates'` from the host.
const STATE = Symbol.for('tenantry.trusted-types');

function state(): PolicyState | null {
  const g = globalThis as typeof globalThis & {trustedTypes?: TrustedTypesFactory; [STATE]?: PolicyState};
  if (g[STATE]) return g[STATE];
  if (!g.trustedTypes) return null;
  const allowed = new Set<string>();
  let policy: ScriptUrlPolicy | null = null;
  try {
    policy = g.trustedTypes.createPolicy(TRUSTED_TYPES_POLICY, {
      createScriptURL(url: string): string {
        if (!allowed.delete(url)) throw new TypeError(`Tenantry's Trusted Types policy does not vouch for ${url}.`);
        return url;
      },
    });
  } catch {
    // The host's `trusted-types` directive leaves this name out: plain URLs then, which work
    // unless the page also requires Trusted Types (the worker then does not start, and the
    // data plane runs on the main thread; see data-worker-start.ts).
  }
  return (g[STATE] = {policy, allowed});
}

/**
 * `url` as the Worker constructor takes it on this page: a TrustedScriptURL where the browser has
 * Trusted Types and the host allows the policy, else the string.
 */
export function workerScriptUrl(url: string): string {
  const s = state();
  if (!s?.policy) return url;
  s.allowed.add(url);
  // A TrustedScriptURL, typed as the string it stands for (the DOM typings here know no Trusted Types).
  return s.policy.createScriptURL(url) as unknown as string;
}
