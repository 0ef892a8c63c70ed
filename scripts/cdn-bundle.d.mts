// Types for what TypeScript code (`vite.cdn.config.ts`) reads of `cdn-bundle.mjs`.
export declare const CDN_ENTRY: string;
/** The public elements, by the module that defines each. */
export declare const CDN_ELEMENTS: Readonly<Record<string, string>>;
