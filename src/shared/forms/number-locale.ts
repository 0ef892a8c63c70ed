/**
 * The locale the shared layer writes numbers and other Intl words in (field-rule messages, weekday
 * names): the page sets its own (`src/page/locale.ts`), `en-US` elsewhere (the worker, a server).
 * A module of its own so that setting it does not load the field rules' messages with every widget.
 */
let numbers = new Intl.NumberFormat('en-US');

/** Sets the locale numbers in messages are written in. */
export function setMessageNumberLocale(locale: string): void {
  numbers = new Intl.NumberFormat(locale);
}

/** That locale, for other words of the shared layer written by Intl (weekday names). */
export const numberLocale = (): string => numbers.resolvedOptions().locale;

/** A number written in that locale (with grouping). */
export const formatMessageNumber = (value: number): string => numbers.format(value);
