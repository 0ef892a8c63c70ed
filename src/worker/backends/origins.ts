/**
 * A backend's origin (the identity of its data in cache keys), known from its configuration alone:
 * the worker reads the user's saved rows before the backend's code has loaded or started.
 */
import type {LocalBackendConfig} from '../../shared/contract/backend.js';

/** The embedded backend's origin: its store and the demo data it generates. */
export const localOrigin = (config: LocalBackendConfig): string => `local:${config.namespace ?? 'demo'}:${config.seed ?? 1}:${config.organizations ?? 2000}`;
