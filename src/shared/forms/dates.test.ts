import {expect} from '@open-wc/testing';
import {DATE_YEARS, checkCreditQuota, checkDateOrder, checkIsoDate, checkLicenseExpiry, daysInMonth, parseIsoDate, todayIn} from './dates.js';

const codes = (issues: readonly {code: string}[]): string[] => issues.map((i) => i.code);

describe('forms: dates', () => {
  it('takes real calendar dates written as YYYY-MM-DD', () => {
    for (const d of ['2027-03-31', '2028-02-29', '2000-01-01', '2100-12-31']) expect(checkIsoDate(d).issues, d).to.deep.equal([]);
    expect(parseIsoDate('2027-03-31')).to.deep.equal({year: 2027, month: 3, day: 31});
    expect(parseIsoDate('2027-02-29')).to.equal(null);
    expect([daysInMonth(2028, 2), daysInMonth(2100, 2), daysInMonth(2000, 2), daysInMonth(2027, 4)]).to.deep.equal([29, 28, 29, 30]);
  });

  it('says what is wrong with a date', () => {
    const cases: [string, string, string][] = [
      ['31/03/2027', 'date.format', 'Enter a date as YYYY-MM-DD, such as 2027-03-31.'],
      ['2027-3-31', 'date.format', 'Enter a date as YYYY-MM-DD, such as 2027-03-31.'],
      ['2027-13-01', 'date.format', 'Enter a date as YYYY-MM-DD, such as 2027-03-31.'],
      ['2027-02-00', 'date.format', 'Enter a date as YYYY-MM-DD, such as 2027-03-31.'],
      ['2027-02-29', 'date.no-such-day', 'There is no 2027-02-29: that month has 28 days.'],
      ['2027-04-31', 'date.no-such-day', 'There is no 2027-04-31: that month has 30 days.'],
      ['1999-12-31', 'date.year-range', `Use a year from ${DATE_YEARS.min} to ${DATE_YEARS.max}.`],
      ['2207-01-01', 'date.year-range', `Use a year from ${DATE_YEARS.min} to ${DATE_YEARS.max}.`],
    ];
    for (const [value, code, text] of cases) {
      const r = checkIsoDate(value, {path: 'd'});
      expect(codes(r.issues), value).to.deep.equal([code]);
      expect(r.issues[0].message, value).to.equal(text);
    }
    expect(codes(checkIsoDate(' ', {required: true}).issues)).to.deep.equal(['required']);
  });

  it('orders dates: the end must come after the start', () => {
    expect(checkDateOrder('2027-01-01', '2027-12-31', 'endsOn')).to.deep.equal([]);
    expect(checkDateOrder('2027-01-01', '2027-01-01', 'endsOn').map((i) => i.message)).to.deep.equal(['Choose a date after 2027-01-01.']);
    expect(codes(checkDateOrder('2027-01-02', '2026-12-31', 'endsOn'))).to.deep.equal(['date.not-after']);
  });

  it('checks a credit quota: credits, an effective date, and an end after it', () => {
    expect(checkCreditQuota(null)).to.deep.equal([]);
    expect(checkCreditQuota({credits: 5000, effectiveOn: '2027-01-01', endsOn: null})).to.deep.equal([]);
    expect(checkCreditQuota({credits: 0.5, effectiveOn: '2027-01-01', endsOn: '2027-12-31'})).to.deep.equal([]);
    const before = checkCreditQuota({credits: 100, effectiveOn: '2027-06-01', endsOn: '2027-05-31'});
    expect(before.map((i) => [i.path, i.message])).to.deep.equal([['creditQuota.endsOn', 'Choose a date after 2027-06-01.']]);
    const bad = checkCreditQuota({credits: -1, effectiveOn: '2027-02-30', endsOn: '2027-01-01'}, 'quota');
    expect(bad.map((i) => [i.path, i.code])).to.deep.equal([
      ['quota.credits', 'credits.invalid'],
      ['quota.effectiveOn', 'date.no-such-day'],
    ]);
    expect(codes(checkCreditQuota({credits: Number.NaN, effectiveOn: '2027-01-01', endsOn: null}))).to.deep.equal(['credits.invalid']);
    expect(codes(checkCreditQuota({credits: 1, effectiveOn: '', endsOn: null}))).to.deep.equal(['required']);
  });

  it('checks a licence expiry: a new or changed date not before today; a stored one is left alone', () => {
    const today = '2026-06-01';
    expect(checkLicenseExpiry(null, {today})).to.deep.equal([]);
    expect(checkLicenseExpiry('2026-06-01', {today})).to.deep.equal([]);
    expect(checkLicenseExpiry('2027-06-01', {today})).to.deep.equal([]);
    expect(checkLicenseExpiry('2026-05-31', {today}).map((i) => [i.path, i.message])).to.deep.equal([
      ['licenseExpiresOn', 'Choose today (2026-06-01) or a later date: this date has passed.'],
    ]);
    expect(checkLicenseExpiry('2026-05-31', {today, previous: '2026-05-31'}), 'lapsed since it was set').to.deep.equal([]);
    expect(codes(checkLicenseExpiry('2026-05-30', {today, previous: '2026-05-31'}))).to.deep.equal(['date.past']);
    expect(codes(checkLicenseExpiry('2026-13-01', {today, path: 'x'}))).to.deep.equal(['date.format']);
  });

  it('tells today’s date in a time zone', () => {
    const now = new Date('2026-06-01T11:30:00Z');
    expect(todayIn('UTC', now)).to.equal('2026-06-01');
    expect(todayIn('Pacific/Kiritimati', now)).to.equal('2026-06-02');
    expect(todayIn('Pacific/Pago_Pago', now)).to.equal('2026-06-01');
    expect(todayIn('Pacific/Pago_Pago', new Date('2026-06-01T05:00:00Z'))).to.equal('2026-05-31');
    expect(todayIn()).to.match(/^\d{4}-\d{2}-\d{2}$/);
  });
});
