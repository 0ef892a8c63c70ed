/**
 * Every message a field rule can give, by id: its English text is `MESSAGES` (`messages-english.ts`),
 * its wording in the page's language `LOCALIZED` below. Rules return ids and parameters, and
 * `{name}` in a text is a parameter (numbers are written with grouping, e.g. 10,000).
 */
import {msg} from '@lit/localize';
import {formatMessageNumber} from './number-locale.js';
import type {MESSAGES} from './messages-english.js';

export type MessageId = keyof typeof MESSAGES;

type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** The parameters a message's text uses (more may be given, e.g. a code beside its English name). */
export type MessageParams<I extends MessageId> = Readonly<Record<Placeholders<(typeof MESSAGES)[I]>, string | number>> &
  Readonly<Record<string, string | number>>;

/** `message('required')` takes no parameters; `message('text.too-long', {max, length})` must have them. */
export type MessageArgs<I extends MessageId> = [Placeholders<(typeof MESSAGES)[I]>] extends [never] ? [params?: MessageParams<I>] : [params: MessageParams<I>];

/**
 * The same messages through the page's catalogue, by the same ids, so a page words an issue (its
 * own or the server's, by `code`) in the user's language. The text must equal `MESSAGES`
 * (`messages.test.ts` compares them); in the worker and on a server, `msg()` is the English text.
 * Only the type of `MESSAGES` is imported here: a page needs the English text only to read a
 * server's issue (`reword.ts`), and loads it then.
 */
const LOCALIZED: {readonly [I in MessageId]: () => string} = {
  required: () => msg('This is required.', {id: 'required'}),
  'text.too-long': () => msg('Use at most {max} characters; this has {length}.', {id: 'text.too-long'}),
  'text.line-break': () => msg('Use a single line here: line breaks are not allowed.', {id: 'text.line-break'}),
  'text.control': () => msg('Remove the control character {char} at position {position}.', {id: 'text.control'}),
  'text.broken': () => msg('Retype the character at position {position}: it is damaged or not a real character.', {id: 'text.broken'}),
  'text.bidi': () => msg('This contains hidden text-direction controls ({count}; the first, {char}, at position {position}). They can make text read in a misleading order: remove them.', {id: 'text.bidi'}),
  'text.invisible': () => msg('This contains invisible characters ({count}; the first, {char}, at position {position}). Remove them, or retype the text.', {id: 'text.invisible'}),
  'email.too-long': () => msg('An email address can have at most {max} characters; this has {length}.', {id: 'email.too-long'}),
  'email.missing-at': () => msg('An email address needs an @, as in name@example.com.', {id: 'email.missing-at'}),
  'email.many-at': () => msg('This has more than one @: enter a single address.', {id: 'email.many-at'}),
  'email.display-name': () => msg('Enter the address only (name@example.com), without a name or angle brackets.', {id: 'email.display-name'}),
  'email.quoted': () => msg('Addresses with quotation marks are not supported.', {id: 'email.quoted'}),
  'email.space': () => msg('An email address cannot contain spaces.', {id: 'email.space'}),
  'email.local-empty': () => msg('Add the name before the @, as in name@example.com.', {id: 'email.local-empty'}),
  'email.local-too-long': () => msg('The part before the @ can have at most {max} characters; this has {length}.', {id: 'email.local-too-long'}),
  'email.local-char': () => msg('The part before the @ cannot contain {char}.', {id: 'email.local-char'}),
  'email.local-dots': () => msg('The part before the @ cannot start or end with a dot, or have two dots in a row.', {id: 'email.local-dots'}),
  'email.domain-empty': () => msg('Add the domain after the @, as in name@example.com.', {id: 'email.domain-empty'}),
  'email.duplicate': () => msg('This address is already in the list (entry {first}).', {id: 'email.duplicate'}),
  'email.list-too-long': () => msg('Add at most {max} addresses; this list has {count}.', {id: 'email.list-too-long'}),
  'domain.url': () => msg('Enter the domain only, such as contoso.com, without http://, a path or a port.', {id: 'domain.url'}),
  'domain.space': () => msg('A domain cannot contain spaces.', {id: 'domain.space'}),
  'domain.dots': () => msg('A domain cannot start or end with a dot, or have two dots in a row.', {id: 'domain.dots'}),
  'domain.label-char': () => msg('"{label}" cannot be part of a domain: use letters, digits and hyphens.', {id: 'domain.label-char'}),
  'domain.label-hyphen': () => msg('"{label}" cannot start or end with a hyphen.', {id: 'domain.label-hyphen'}),
  'domain.label-too-long': () => msg('Each part of a domain between dots can have at most {max} characters; "{label}" has {length}.', {id: 'domain.label-too-long'}),
  'domain.too-long': () => msg('A domain can have at most {max} characters; this has {length}.', {id: 'domain.too-long'}),
  'domain.punycode': () => msg('"{label}" is not a valid international (xn--) form.', {id: 'domain.punycode'}),
  'domain.no-tld': () => msg('Add the ending of the domain, as in contoso.com.', {id: 'domain.no-tld'}),
  'domain.tld': () => msg('"{tld}" is not a valid domain ending.', {id: 'domain.tld'}),
  'domain.ip': () => msg('Enter a domain name, not an IP address.', {id: 'domain.ip'}),
  'domain.mixed-scripts': () => msg('"{label}" mixes letters of different alphabets ({scripts}), as look-alike domains do.', {id: 'domain.mixed-scripts'}),
  'onmicrosoft.char': () => msg('Use only letters and digits before .onmicrosoft.com; remove {char}.', {id: 'onmicrosoft.char'}),
  'onmicrosoft.too-long': () => msg('Use at most {max} characters before .onmicrosoft.com; this has {length}.', {id: 'onmicrosoft.too-long'}),
  'onmicrosoft.other-domain': () => msg('Enter only the name that goes before .onmicrosoft.com, such as contoso.', {id: 'onmicrosoft.other-domain'}),
  'tenant-id.invalid': () => msg('Enter a directory (tenant) ID: a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e.', {id: 'tenant-id.invalid'}),
  'link.space': () => msg('A link cannot contain spaces or hidden characters; write a space as %20.', {id: 'link.space'}),
  'link.protocol-relative': () => msg('Add https: at the start: an address that begins with // is not complete.', {id: 'link.protocol-relative'}),
  'link.relative': () => msg('Enter a full address that starts with https://.', {id: 'link.relative'}),
  'link.missing-scheme': () => msg('Add https:// at the start, as in {suggestion}.', {id: 'link.missing-scheme'}),
  'link.script': () => msg('Links that run code ({scheme}) are not allowed: use an http or https address.', {id: 'link.script'}),
  'link.data': () => msg('Links that carry their own content (data:) are not allowed: use an http or https address.', {id: 'link.data'}),
  'link.scheme': () => msg('Only http and https links are allowed, not {scheme}.', {id: 'link.scheme'}),
  'link.slashes': () => msg('Write the start of the address as {scheme}//, with two forward slashes.', {id: 'link.slashes'}),
  'link.credentials': () => msg('Remove the user name and password from the link: everyone who sees the link would see them.', {id: 'link.credentials'}),
  'link.invalid': () => msg('This is not a valid web address.', {id: 'link.invalid'}),
  'country.unknown': () => msg('Choose a country from the list; "{value}" is not a country code.', {id: 'country.unknown'}),
  'subdivision.unknown': () => msg('Choose a state or region of {countryName} from the list.', {id: 'subdivision.unknown'}),
  'postal.invalid': () => msg('This is not a valid postal code for {countryName}.', {id: 'postal.invalid'}),
  'phone.not-a-number': () => msg('Enter a phone number in digits, as in +1 425 555 0100.', {id: 'phone.not-a-number'}),
  'phone.needs-country': () => msg('Start with + and the country code, as in +44 20 7946 0000.', {id: 'phone.needs-country'}),
  'phone.unknown-calling-code': () => msg('The number does not start with a known country code.', {id: 'phone.unknown-calling-code'}),
  'phone.too-short': () => msg('This phone number is too short.', {id: 'phone.too-short'}),
  'phone.too-long': () => msg('This phone number is too long.', {id: 'phone.too-long'}),
  'phone.invalid': () => msg('This is not a valid phone number for {countryName}.', {id: 'phone.invalid'}),
  'phone.invalid-any': () => msg('This is not a valid phone number.', {id: 'phone.invalid-any'}),
  'cron.fields': () => msg('A schedule has five fields (minute, hour, day of month, month, day of week); this has {count}.', {id: 'cron.fields'}),
  'cron.nickname': () => msg('Write the schedule as five fields; shortcuts such as {value} are not supported.', {id: 'cron.nickname'}),
  'cron.empty-item': () => msg('The {field} field has an empty item: check for a stray comma.', {id: 'cron.empty-item'}),
  'cron.item': () => msg('The {field} field cannot be read at {value}.', {id: 'cron.item'}),
  'cron.char': () => msg('The {field} field can use digits and * , - / only; remove {char}.', {id: 'cron.char'}),
  'cron.name': () => msg('Use numbers in the {field} field ({min}–{max}), not names such as {value}.', {id: 'cron.name'}),
  'cron.range': () => msg('The {field} field takes {min}–{max}; {value} is outside that.', {id: 'cron.range'}),
  'cron.reversed': () => msg('The range {value} in the {field} field runs backwards: put the smaller number first.', {id: 'cron.reversed'}),
  'cron.step': () => msg('The step in {value} in the {field} field must be from 1 to {max}.', {id: 'cron.step'}),
  'cron.step-base': () => msg('A step needs * or a range before it, as in */15 or 0-30/15; {value} in the {field} field has neither.', {id: 'cron.step-base'}),
  'cron.never': () => msg('This schedule never runs: none of the months it names has a day {day}.', {id: 'cron.never'}),
  'cron.time-zone': () => msg('"{value}" is not a known time zone.', {id: 'cron.time-zone'}),
  'feature.needs': () => msg('{feature} needs {needs} to be on.', {id: 'feature.needs'}),
  'date.format': () => msg('Enter a date as YYYY-MM-DD, such as 2027-03-31.', {id: 'date.format'}),
  'date.no-such-day': () => msg('There is no {value}: that month has {days} days.', {id: 'date.no-such-day'}),
  'date.year-range': () => msg('Use a year from {min} to {max}.', {id: 'date.year-range'}),
  'date.not-after': () => msg('Choose a date after {start}.', {id: 'date.not-after'}),
  'date.past': () => msg('Choose today ({today}) or a later date: this date has passed.', {id: 'date.past'}),
  'credits.invalid': () => msg('Enter a number of credits from 0 to {max}.', {id: 'credits.invalid'}),
  'sales-reps.too-many': () => msg('Add at most {max} sales representatives; this has {count}.', {id: 'sales-reps.too-many'}),
};

/** The text of a message in the page's language (English elsewhere) with its parameters filled in. */
export function message<I extends MessageId>(id: I, ...[params]: MessageArgs<I>): string {
  return messageText(id, params ?? {});
}

/** `message` for an id and parameters that came from elsewhere (a server's issue). */
export function messageText(id: MessageId, params: Readonly<Record<string, string | number>>): string {
  return LOCALIZED[id]().replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? formatMessageNumber(v) : v;
  });
}
