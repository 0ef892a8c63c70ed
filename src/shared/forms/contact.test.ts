import {expect} from '@open-wc/testing';
import {
  checkCustomLink,
  checkDomain,
  checkEmail,
  checkEmailList,
  checkLink,
  checkOnMicrosoftPrefix,
  decodePunycode,
  splitEmailList,
} from './contact.js';

const codes = (r: {issues: readonly {code: string}[]}): string[] => r.issues.map((i) => i.code);
const messages = (r: {issues: readonly {message: string}[]}): string[] => r.issues.map((i) => i.message);

describe('forms: email', () => {
  it('takes practical addresses, and gives the ASCII form of an international domain', () => {
    for (const a of ['jane@contoso.com', 'Jane.Doe+billing@sub.contoso.co.uk', "o'brien@contoso.ie", 'a_b-c!#$%&*/=?^`{|}~@x.io', 'x@xn--bcher-kva.de']) {
      expect(checkEmail(a).issues, a).to.deep.equal([]);
    }
    const idn = checkEmail('  info@Bücher.de ');
    expect(idn.issues).to.deep.equal([]);
    expect(idn.value).to.equal('info@Bücher.de');
    expect(idn.ascii).to.equal('info@xn--bcher-kva.de');
  });

  it('says what is wrong with an address', () => {
    const cases: [string, string][] = [
      ['contoso.com', 'email.missing-at'],
      ['a@b@contoso.com', 'email.many-at'],
      ['Jane Doe <jane@contoso.com>', 'email.display-name'],
      ['"jane doe"@contoso.com', 'email.quoted'],
      ['jane doe@contoso.com', 'email.space'],
      ['@contoso.com', 'email.local-empty'],
      [`${'a'.repeat(65)}@contoso.com`, 'email.local-too-long'],
      ['jane,doe@contoso.com', 'email.local-char'],
      ['jäne@contoso.com', 'email.local-char'],
      ['.jane@contoso.com', 'email.local-dots'],
      ['jane..doe@contoso.com', 'email.local-dots'],
      ['jane.@contoso.com', 'email.local-dots'],
      ['jane@', 'email.domain-empty'],
      ['jane@contoso', 'domain.no-tld'],
      ['jane@contoso..com', 'domain.dots'],
      ['jane@[10.0.0.1]', 'domain.label-char'],
      ['jane@10.0.0.1', 'domain.ip'],
      ['jane@con\u200btoso.com', 'text.invisible'],
      [`jane@${'a'.repeat(61)}.${'b'.repeat(61)}.${'c'.repeat(61)}.${'d'.repeat(61)}.com`, 'email.too-long'],
    ];
    for (const [value, code] of cases) expect(codes(checkEmail(value, {path: 'email'})), value).to.deep.equal([code]);
    expect(messages(checkEmail('jane,doe@contoso.com'))).to.deep.equal(['The part before the @ cannot contain ",".']);
    expect(codes(checkEmail('', {required: true}))).to.deep.equal(['required']);
  });

  it('checks a list entry by entry, naming the bad one by its index, and finds repeats', () => {
    const r = checkEmailList(['ops@contoso.com', 'billing@contoso.com', 'not-an-address', 'OPS@Contoso.com'], {path: 'notifications.emails'});
    expect(r.invalid).to.deep.equal([2, 3]);
    expect(r.issues.map((i) => [i.path, i.code])).to.deep.equal([
      ['notifications.emails[2]', 'email.missing-at'],
      ['notifications.emails[3]', 'email.duplicate'],
    ]);
    expect(r.issues[1].message).to.equal('This address is already in the list (entry 1).');
    const many = checkEmailList(Array.from({length: 51}, (_, i) => `u${i}@contoso.com`), {path: 'emails'});
    expect(messages(many)).to.deep.equal(['Add at most 50 addresses; this list has 51.']);
    expect(codes(checkEmailList([], {required: true}))).to.deep.equal(['required']);
  });

  it('splits a pasted list at commas, semicolons and line breaks', () => {
    expect(splitEmailList('a@x.com, b@x.com;c@x.com\r\n\nJane Doe <d@x.com>,,')).to.deep.equal(['a@x.com', 'b@x.com', 'c@x.com', 'Jane Doe <d@x.com>']);
  });
});

describe('forms: domain', () => {
  it('gives the ASCII form DNS uses and the Unicode form a person reads', () => {
    expect(checkDomain('Contoso.COM')).to.deep.include({ascii: 'contoso.com', unicode: 'contoso.com', issues: []});
    expect(checkDomain('bücher.de')).to.deep.include({ascii: 'xn--bcher-kva.de', unicode: 'bücher.de'});
    expect(checkDomain('xn--bcher-kva.de')).to.deep.include({ascii: 'xn--bcher-kva.de', unicode: 'bücher.de'});
    expect(checkDomain('例え.テスト')).to.deep.include({ascii: 'xn--r8jz45g.xn--zckzah', unicode: '例え.テスト'});
    expect(checkDomain('münchen。de').ascii, 'ideographic full stop').to.equal('xn--mnchen-3ya.de');
    expect(checkDomain('a-b.co.uk').issues).to.deep.equal([]);
    expect(checkDomain(`${'a'.repeat(63)}.com`).issues).to.deep.equal([]);
  });

  it('says what is wrong with a domain', () => {
    const cases: [string, string][] = [
      ['https://contoso.com/', 'domain.url'],
      ['contoso.com/portal', 'domain.url'],
      ['contoso.com:443', 'domain.url'],
      ['jane@contoso.com', 'domain.url'],
      ['con toso.com', 'domain.space'],
      ['contoso', 'domain.no-tld'],
      ['.contoso.com', 'domain.dots'],
      ['contoso.com.', 'domain.dots'],
      ['contoso..com', 'domain.dots'],
      ['-contoso.com', 'domain.label-hyphen'],
      ['contoso-.com', 'domain.label-hyphen'],
      ['con_toso.com', 'domain.label-char'],
      ['con<toso.com', 'domain.label-char'],
      [`${'a'.repeat(64)}.com`, 'domain.label-too-long'],
      [`${'abcdefghi.'.repeat(26)}com`, 'domain.too-long'],
      ['1.2.3.4', 'domain.ip'],
      ['contoso.123', 'domain.tld'],
      ['contoso.c0m', 'domain.tld'],
      ['xn--zz.com', 'domain.punycode'],
      ['\u0430pple.com', 'domain.mixed-scripts'],
      ['exa\u00admple.com', 'text.invisible'],
      ['contoso.com\u202e', 'text.bidi'],
    ];
    for (const [value, code] of cases) expect(codes(checkDomain(value, {path: 'domain'})), value).to.deep.equal([code]);
    expect(messages(checkDomain('\u0430pple.com'))).to.deep.equal(['"аpple" mixes letters of different alphabets (Latin, Cyrillic), as look-alike domains do.']);
    expect(messages(checkDomain(`${'a'.repeat(64)}.com`))[0]).to.match(/at most 63 characters; "a+" has 64\.$/);
  });

  it('decodes Punycode (RFC 3492) and refuses what is not Punycode', () => {
    expect(decodePunycode('bcher-kva')).to.equal('bücher');
    expect(decodePunycode('mnchen-3ya')).to.equal('münchen');
    expect(decodePunycode('r8jz45g')).to.equal('例え');
    expect(decodePunycode('-> $1.00 <--'), 'RFC 3492 sample S: basic code points only').to.equal('-> $1.00 <-');
    expect(decodePunycode('ü-abc')).to.equal(null);
    expect(decodePunycode('abc-9')).to.equal(null);
  });
});

describe('forms: .onmicrosoft.com name', () => {
  it('takes 1–27 letters and digits, or the whole domain pasted', () => {
    expect(checkOnMicrosoftPrefix('Contoso2024')).to.deep.equal({value: 'contoso2024', domain: 'contoso2024.onmicrosoft.com', issues: []});
    expect(checkOnMicrosoftPrefix(' contoso.onmicrosoft.com ').domain).to.equal('contoso.onmicrosoft.com');
    expect(checkOnMicrosoftPrefix('a'.repeat(27)).issues).to.deep.equal([]);
  });

  it('says what is wrong with a name', () => {
    expect(messages(checkOnMicrosoftPrefix('con-toso'))).to.deep.equal(['Use only letters and digits before .onmicrosoft.com; remove "-".']);
    expect(codes(checkOnMicrosoftPrefix('con toso'))).to.deep.equal(['onmicrosoft.char']);
    expect(codes(checkOnMicrosoftPrefix('çontoso'))).to.deep.equal(['onmicrosoft.char']);
    expect(codes(checkOnMicrosoftPrefix('contoso.com'))).to.deep.equal(['onmicrosoft.other-domain']);
    expect(messages(checkOnMicrosoftPrefix('a'.repeat(28)))).to.deep.equal(['Use at most 27 characters before .onmicrosoft.com; this has 28.']);
    expect(codes(checkOnMicrosoftPrefix('.onmicrosoft.com', {required: true}))).to.deep.equal(['required']);
  });
});

describe('forms: links', () => {
  it('takes absolute http and https links to a real host', () => {
    for (const url of ['https://contoso.com', 'https://portal.contoso.com/a/b?x=1#top', 'http://intranet.contoso.com:8080/', 'HTTPS://Contoso.com/', 'https://10.0.0.1/status', 'https://[2001:db8::1]/']) {
      expect(checkLink(url).issues, url).to.deep.equal([]);
    }
    expect(checkLink(' https://bücher.de/katalog ')).to.deep.include({value: 'https://bücher.de/katalog', href: 'https://xn--bcher-kva.de/katalog'});
  });

  it('refuses every other kind of link, saying why', () => {
    const cases: [string, string][] = [
      ['javascript:alert(1)', 'link.script'],
      ['JaVaScRiPt:alert(document.cookie)', 'link.script'],
      [' java\tscript:alert(1)', 'link.script'],
      ['java\u200bscript:alert(1)', 'link.script'],
      ['vbscript:msgbox(1)', 'link.script'],
      ['data:text/html,<script>alert(1)</script>', 'link.data'],
      ['DATA:image/png;base64,AAAA', 'link.data'],
      ['//evil.example/x', 'link.protocol-relative'],
      ['\\\\evil.example\\x', 'link.protocol-relative'],
      ['/portal/home', 'link.relative'],
      ['portal', 'link.relative'],
      ['../x', 'link.relative'],
      ['contoso.com/portal', 'link.missing-scheme'],
      ['contoso.com:8443/portal', 'link.missing-scheme'],
      ['https://user:secret@contoso.com/', 'link.credentials'],
      ['https://user@contoso.com/', 'link.credentials'],
      ['ftp://files.contoso.com/', 'link.scheme'],
      ['mailto:jane@contoso.com', 'link.scheme'],
      ['file:///etc/passwd', 'link.scheme'],
      ['https:/contoso.com', 'link.slashes'],
      ['https:\\\\contoso.com', 'link.slashes'],
      ['https://', 'link.invalid'],
      ['https://contoso.com:99999/', 'link.invalid'],
      ['https://contoso.com/a b', 'link.space'],
      ['https://contoso.com/\u202egpj.exe', 'link.space'],
      ['https://localhost/', 'domain.no-tld'],
      ['https://\u0430pple.com/', 'domain.mixed-scripts'],
      [`https://contoso.com/${'a'.repeat(2000)}`, 'text.too-long'],
    ];
    for (const [value, code] of cases) expect(codes(checkLink(value, {path: 'url'})), value).to.deep.equal([code]);
    expect(messages(checkLink('javascript:alert(1)'))).to.deep.equal(['Links that run code (javascript:) are not allowed: use an http or https address.']);
    expect(messages(checkLink('contoso.com/portal'))).to.deep.equal(['Add https:// at the start, as in https://contoso.com/portal.']);
    expect(messages(checkLink('ftp://files.contoso.com/'))).to.deep.equal(['Only http and https links are allowed, not ftp:.']);
    expect(checkLink('javascript:alert(1)').href).to.equal(null);
  });

  it('checks a custom link title and URL together, at their paths', () => {
    expect(checkCustomLink({title: 'Runbook', url: 'https://wiki.contoso.com/runbook'}, 'customLinks[0]')).to.deep.equal([]);
    expect(checkCustomLink({title: ' ', url: 'javascript:void 0'}, 'customLinks[1]').map((i) => [i.path, i.code])).to.deep.equal([
      ['customLinks[1].title', 'required'],
      ['customLinks[1].url', 'link.script'],
    ]);
  });
});
