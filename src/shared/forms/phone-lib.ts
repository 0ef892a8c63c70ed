/**
 * What `geo.ts` uses of libphonenumber-js (`max` metadata), as a module of its own: a dynamic
 * import keeps every export of the module it names, so naming this one lets a bundler leave the
 * rest of the library (as-you-type formatting, finding numbers in text) out of the lazy chunk.
 */
export {isSupportedCountry, ParseError, parsePhoneNumberWithError} from 'libphonenumber-js/max';
