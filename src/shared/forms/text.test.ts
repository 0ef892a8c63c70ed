import {expect} from '@open-wc/testing';
import {MULTILINE_KINDS, TEXT_LIMITS, charCount, checkText, describeChar, describeCodePoint, normalizeText, scanCharacters, type TextKind} from './text.js';

const codes = (r: {issues: readonly {code: string}[]}): string[] => r.issues.map((i) => i.code);

describe('forms: text', () => {
  it('trims, and writes accents in one form (NFC), but keeps everything else typed', () => {
    expect(normalizeText('  Cafe\u0301 Ltd \n')).to.equal('Caf\u00e9 Ltd');
    const r = checkText('  Contoso  Ltd  ', 'name');
    expect(r.value).to.equal('Contoso  Ltd');
    expect(r.issues).to.deep.equal([]);
  });

  it('empty is fine unless required; whitespace alone is empty', () => {
    expect(checkText('', 'name').issues).to.deep.equal([]);
    const r = checkText('   ', 'name', {path: 'name', required: true});
    expect(r.issues).to.deep.equal([{path: 'name', code: 'required', params: {}, message: 'This is required.'}]);
  });

  it('takes each kind up to its limit, in characters, and refuses one more with the limit and the count', () => {
    for (const kind of Object.keys(TEXT_LIMITS) as TextKind[]) {
      const max = TEXT_LIMITS[kind];
      expect(checkText('a'.repeat(max), kind).issues, kind).to.deep.equal([]);
      const over = checkText('a'.repeat(max + 1), kind, {path: 'f'});
      expect(over.issues.map((i) => i.message), kind).to.deep.equal([`Use at most ${max.toLocaleString('en-US')} characters; this has ${(max + 1).toLocaleString('en-US')}.`]);
    }
    // An emoji is one character, though two UTF-16 units.
    expect(charCount('😀'.repeat(200))).to.equal(200);
    expect(checkText('😀'.repeat(200), 'name').issues).to.deep.equal([]);
  });

  it('refuses a 10,000-character paste by its length alone, and keeps the text', () => {
    const paste = `${'x'.repeat(5000)}\u202e${'y'.repeat(4999)}`;
    const r = checkText(paste, 'name', {path: 'name'});
    expect(r.issues).to.have.length(1);
    expect(r.issues[0].message).to.equal('Use at most 200 characters; this has 10,000.');
    expect(r.issues[0].params).to.deep.equal({max: 200, length: 10_000});
    expect(r.value).to.equal(paste);
    expect(checkText(paste, 'description').issues[0].message).to.equal('Use at most 2,000 characters; this has 10,000.');
  });

  it('refuses control characters, and line breaks outside multi-line fields', () => {
    const bell = checkText('Con\u0007toso', 'name', {path: 'name'});
    expect(bell.issues.map((i) => i.message)).to.deep.equal(['Remove the control character U+0007 at position 4.']);
    expect(codes(checkText('Contoso\nLtd', 'name'))).to.deep.equal(['text.line-break']);
    expect(codes(checkText('Contoso\tLtd', 'name'))).to.deep.equal(['text.control']);
    expect(codes(checkText('a\u0085b', 'name'))).to.deep.equal(['text.control']);
    expect(MULTILINE_KINDS.has('description')).to.equal(true);
    expect(checkText('Line one\r\nLine two\n\tindented', 'description').issues).to.deep.equal([]);
    expect(codes(checkText('Line one\u0000', 'description'))).to.deep.equal(['text.control']);
  });

  it('reports text-direction controls without removing them', () => {
    const r = checkText('invoice\u202efdp.exe', 'name', {path: 'name'});
    expect(r.value).to.equal('invoice\u202efdp.exe');
    expect(r.issues.map((i) => i.message)).to.deep.equal([
      'This contains hidden text-direction controls (1; the first, U+202E RIGHT-TO-LEFT OVERRIDE, at position 8). They can make text read in a misleading order: remove them.',
    ]);
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c]) {
      expect(codes(checkText(`a${String.fromCodePoint(cp)}b`, 'name')), cp.toString(16)).to.deep.equal(['text.bidi']);
    }
  });

  it('reports invisible characters, counting them and naming the first', () => {
    const r = checkText('Con\u200btoso\u200b Ltd\ufeff!', 'name', {path: 'name'});
    expect(r.value).to.equal('Con\u200btoso\u200b Ltd\ufeff!');
    expect(r.issues.map((i) => i.message)).to.deep.equal([
      'This contains invisible characters (3; the first, U+200B ZERO WIDTH SPACE, at position 4). Remove them, or retype the text.',
    ]);
    for (const ch of ['\u00ad', '\u2060', '\u180e', '\u3164', '\u115f', 'a\u200db', 'a\u200cb', '\u{e0041}']) {
      expect(codes(checkText(`x${ch}y`, 'name')), describeCodePoint(ch.codePointAt(0) ?? 0)).to.deep.equal(['text.invisible']);
    }
  });

  it('leaves joiners and tags where they build words and emoji', () => {
    expect(checkText('می\u200cخواهم', 'name').issues, 'Persian ZWNJ').to.deep.equal([]);
    expect(checkText('क्\u200dष', 'name').issues, 'Devanagari ZWJ').to.deep.equal([]);
    expect(checkText('Team 👨\u200d👩\u200d👧', 'name').issues, 'emoji family').to.deep.equal([]);
    expect(checkText('❤\ufe0f\u200d🔥 Fire', 'name').issues, 'emoji with a variation selector').to.deep.equal([]);
    expect(checkText('England 🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}', 'name').issues, 'subdivision flag').to.deep.equal([]);
    expect(checkText('\u0600\u0661\u0662', 'name').issues, 'Arabic number sign').to.deep.equal([]);
  });

  it('refuses damaged characters (lone surrogates, noncharacters)', () => {
    expect(checkText('ab\ud800cd', 'name').issues.map((i) => i.message)).to.deep.equal(['Retype the character at position 3: it is damaged or not a real character.']);
    expect(codes(checkText('ab\udc00', 'name'))).to.deep.equal(['text.broken']);
    expect(codes(checkText('ab\uffff', 'name'))).to.deep.equal(['text.broken']);
  });

  it('names characters so a person can find them', () => {
    expect(describeCodePoint(0x7)).to.equal('U+0007');
    expect(describeCodePoint(0x200b)).to.equal('U+200B ZERO WIDTH SPACE');
    expect(describeChar('-')).to.equal('"-"');
    expect(describeChar(' ')).to.equal('U+0020');
    expect(scanCharacters('fine', 'p')).to.deep.equal([]);
  });
});
