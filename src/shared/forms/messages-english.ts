/**
 * The field rules' messages in English, the text a server's issues carry: the catalogue's source
 * (`messages.ts` words them in the page's language by the same ids; `reword.ts` recognises one of
 * them in a server's issue). A page loads this text only when a server's issues arrive (the rules
 * themselves word their issues through `messages.ts`).
 */

/**
 * Every message a field rule can give, by id, in English. One catalogue so a translation later
 * replaces the text and nothing else: rules return ids and parameters, and `{name}` in a text is a
 * parameter (numbers are written with grouping, e.g. 10,000). Messages are sentences shown next to
 * the field, so they do not name it.
 */
export const MESSAGES = {
  required: 'This is required.',

  'text.too-long': 'Use at most {max} characters; this has {length}.',
  'text.line-break': 'Use a single line here: line breaks are not allowed.',
  'text.control': 'Remove the control character {char} at position {position}.',
  'text.broken': 'Retype the character at position {position}: it is damaged or not a real character.',
  'text.bidi':
    'This contains hidden text-direction controls ({count}; the first, {char}, at position {position}). They can make text read in a misleading order: remove them.',
  'text.invisible': 'This contains invisible characters ({count}; the first, {char}, at position {position}). Remove them, or retype the text.',

  'email.too-long': 'An email address can have at most {max} characters; this has {length}.',
  'email.missing-at': 'An email address needs an @, as in name@example.com.',
  'email.many-at': 'This has more than one @: enter a single address.',
  'email.display-name': 'Enter the address only (name@example.com), without a name or angle brackets.',
  'email.quoted': 'Addresses with quotation marks are not supported.',
  'email.space': 'An email address cannot contain spaces.',
  'email.local-empty': 'Add the name before the @, as in name@example.com.',
  'email.local-too-long': 'The part before the @ can have at most {max} characters; this has {length}.',
  'email.local-char': 'The part before the @ cannot contain {char}.',
  'email.local-dots': 'The part before the @ cannot start or end with a dot, or have two dots in a row.',
  'email.domain-empty': 'Add the domain after the @, as in name@example.com.',
  'email.duplicate': 'This address is already in the list (entry {first}).',
  'email.list-too-long': 'Add at most {max} addresses; this list has {count}.',

  'domain.url': 'Enter the domain only, such as contoso.com, without http://, a path or a port.',
  'domain.space': 'A domain cannot contain spaces.',
  'domain.dots': 'A domain cannot start or end with a dot, or have two dots in a row.',
  'domain.label-char': '"{label}" cannot be part of a domain: use letters, digits and hyphens.',
  'domain.label-hyphen': '"{label}" cannot start or end with a hyphen.',
  'domain.label-too-long': 'Each part of a domain between dots can have at most {max} characters; "{label}" has {length}.',
  'domain.too-long': 'A domain can have at most {max} characters; this has {length}.',
  'domain.punycode': '"{label}" is not a valid international (xn--) form.',
  'domain.no-tld': 'Add the ending of the domain, as in contoso.com.',
  'domain.tld': '"{tld}" is not a valid domain ending.',
  'domain.ip': 'Enter a domain name, not an IP address.',
  'domain.mixed-scripts': '"{label}" mixes letters of different alphabets ({scripts}), as look-alike domains do.',

  'onmicrosoft.char': 'Use only letters and digits before .onmicrosoft.com; remove {char}.',
  'onmicrosoft.too-long': 'Use at most {max} characters before .onmicrosoft.com; this has {length}.',
  'onmicrosoft.other-domain': 'Enter only the name that goes before .onmicrosoft.com, such as contoso.',
  'tenant-id.invalid': 'Enter a directory (tenant) ID: a GUID such as 0f8fad5b-d9cb-469f-a165-70867728950e.',

  'link.space': 'A link cannot contain spaces or hidden characters; write a space as %20.',
  'link.protocol-relative': 'Add https: at the start: an address that begins with // is not complete.',
  'link.relative': 'Enter a full address that starts with https://.',
  'link.missing-scheme': 'Add https:// at the start, as in {suggestion}.',
  'link.script': 'Links that run code ({scheme}) are not allowed: use an http or https address.',
  'link.data': 'Links that carry their own content (data:) are not allowed: use an http or https address.',
  'link.scheme': 'Only http and https links are allowed, not {scheme}.',
  'link.slashes': 'Write the start of the address as {scheme}//, with two forward slashes.',
  'link.credentials': 'Remove the user name and password from the link: everyone who sees the link would see them.',
  'link.invalid': 'This is not a valid web address.',

  'country.unknown': 'Choose a country from the list; "{value}" is not a country code.',
  'subdivision.unknown': 'Choose a state or region of {countryName} from the list.',
  'postal.invalid': 'This is not a valid postal code for {countryName}.',

  'phone.not-a-number': 'Enter a phone number in digits, as in +1 425 555 0100.',
  'phone.needs-country': 'Start with + and the country code, as in +44 20 7946 0000.',
  'phone.unknown-calling-code': 'The number does not start with a known country code.',
  'phone.too-short': 'This phone number is too short.',
  'phone.too-long': 'This phone number is too long.',
  'phone.invalid': 'This is not a valid phone number for {countryName}.',
  'phone.invalid-any': 'This is not a valid phone number.',

  'cron.fields': 'A schedule has five fields (minute, hour, day of month, month, day of week); this has {count}.',
  'cron.nickname': 'Write the schedule as five fields; shortcuts such as {value} are not supported.',
  'cron.empty-item': 'The {field} field has an empty item: check for a stray comma.',
  'cron.item': 'The {field} field cannot be read at {value}.',
  'cron.char': 'The {field} field can use digits and * , - / only; remove {char}.',
  'cron.name': 'Use numbers in the {field} field ({min}–{max}), not names such as {value}.',
  'cron.range': 'The {field} field takes {min}–{max}; {value} is outside that.',
  'cron.reversed': 'The range {value} in the {field} field runs backwards: put the smaller number first.',
  'cron.step': 'The step in {value} in the {field} field must be from 1 to {max}.',
  'cron.step-base': 'A step needs * or a range before it, as in */15 or 0-30/15; {value} in the {field} field has neither.',
  'cron.never': 'This schedule never runs: none of the months it names has a day {day}.',
  'cron.time-zone': '"{value}" is not a known time zone.',

  'feature.needs': '{feature} needs {needs} to be on.',

  'date.format': 'Enter a date as YYYY-MM-DD, such as 2027-03-31.',
  'date.no-such-day': 'There is no {value}: that month has {days} days.',
  'date.year-range': 'Use a year from {min} to {max}.',
  'date.not-after': 'Choose a date after {start}.',
  'date.past': 'Choose today ({today}) or a later date: this date has passed.',
  'credits.invalid': 'Enter a number of credits from 0 to {max}.',

  'sales-reps.too-many': 'Add at most {max} sales representatives; this has {count}.',
} as const satisfies Record<string, string>;
