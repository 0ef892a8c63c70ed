import {expect} from '@open-wc/testing';
import {CRON_FIELDS, checkCron, checkTimeZone} from './cron.js';
import {describeCron, nextRuns} from './cron-reading.js';

const LIBRARIES = ['cronstrue', 'croner'];
const loaded = (): string[] => LIBRARIES.filter((lib) => performance.getEntriesByType('resource').some((e) => e.name.includes(`/${lib}/`)));
const codes = (r: {issues: readonly {code: string}[]}): string[] => r.issues.map((i) => i.code);
/** The REST schema's pattern for a mask (`schemas.ts`): whatever checkCron takes must pass it. */
const SCHEMA_CRON = /^\s*([\d*/,-]+\s+){4}[\d*/,-]+\s*$/;

const VALID = [
  '0 2 * * *',
  '*/15 * * * *',
  '0 3 * * 1-5',
  '0 0 1,15 * *',
  '30 4 1 * 7',
  '0 0 13 * 5',
  '5-55/10 8-18 * * 0-6',
  '59 23 31 12 *',
  '0 0 29 2 *',
  '*/60 */24 */31 */12 */7',
  '  0   6 * *   1  ',
  '0,30 0-23/2 1-7 1,4,7,10 *',
];

describe('forms: cron', () => {
  it('loads neither library until a reading or the next runs are asked for', async () => {
    expect(checkCron('0 2 * * *').issues).to.deep.equal([]);
    expect(loaded()).to.deep.equal([]);
    await describeCron('0 2 * * *');
    expect(loaded()).to.deep.equal(['cronstrue']);
    await nextRuns('0 2 * * *', {count: 1});
    expect(loaded()).to.deep.equal(LIBRARIES);
  });

  it('takes five-field masks that the REST schema, croner and cronstrue all take', async () => {
    for (const mask of VALID) {
      expect(checkCron(mask).issues, mask).to.deep.equal([]);
      expect(mask, mask).to.match(SCHEMA_CRON);
      expect(await describeCron(mask), mask).to.be.a('string').and.not.equal('');
      expect(await nextRuns(mask, {count: 2, from: new Date('2026-01-01T00:00:00Z')}), mask).to.have.length(2);
    }
    expect(checkCron(' 0 2 * * * ').value).to.equal('0 2 * * *');
  });

  it('says what is wrong with a mask, naming the field', () => {
    const cases: [string, string, string][] = [
      ['* * * *', 'cron.fields', 'A schedule has five fields (minute, hour, day of month, month, day of week); this has 4.'],
      ['0 0 * * * *', 'cron.fields', 'A schedule has five fields (minute, hour, day of month, month, day of week); this has 6.'],
      ['@daily', 'cron.nickname', 'Write the schedule as five fields; shortcuts such as @daily are not supported.'],
      ['0,,5 * * * *', 'cron.empty-item', 'The minute field has an empty item: check for a stray comma.'],
      ['0 0 * * MON', 'cron.name', 'Use numbers in the day of week field (0–7), not names such as MON.'],
      ['0 0 * JAN *', 'cron.name', 'Use numbers in the month field (1–12), not names such as JAN.'],
      ['0 0 L * *', 'cron.char', 'The day of month field can use digits and * , - / only; remove "L".'],
      ['0 0 ? * *', 'cron.char', 'The day of month field can use digits and * , - / only; remove "?".'],
      ['0 0 * * 5#2', 'cron.char', 'The day of week field can use digits and * , - / only; remove "#".'],
      ['60 * * * *', 'cron.range', 'The minute field takes 0–59; 60 is outside that.'],
      ['0 24 * * *', 'cron.range', 'The hour field takes 0–23; 24 is outside that.'],
      ['0 0 0 * *', 'cron.range', 'The day of month field takes 1–31; 0 is outside that.'],
      ['0 0 * 13 *', 'cron.range', 'The month field takes 1–12; 13 is outside that.'],
      ['0 0 * * 8', 'cron.range', 'The day of week field takes 0–7; 8 is outside that.'],
      ['5-2 * * * *', 'cron.reversed', 'The range 5-2 in the minute field runs backwards: put the smaller number first.'],
      ['*/0 * * * *', 'cron.step', 'The step in */0 in the minute field must be from 1 to 60.'],
      ['0 */25 * * *', 'cron.step', 'The step in */25 in the hour field must be from 1 to 24.'],
      ['5/10 * * * *', 'cron.step-base', 'A step needs * or a range before it, as in */15 or 0-30/15; 5/10 in the minute field has neither.'],
      ['1-2-3 * * * *', 'cron.item', 'The minute field cannot be read at 1-2-3.'],
      ['*/ * * * *', 'cron.item', 'The minute field cannot be read at */.'],
      ['0 0 30,31 2 *', 'cron.never', 'This schedule never runs: none of the months it names has a day 30.'],
      ['0 0 31 4,6,9,11 *', 'cron.never', 'This schedule never runs: none of the months it names has a day 31.'],
    ];
    for (const [mask, code, text] of cases) {
      const r = checkCron(mask, {path: 'schedules.cost'});
      expect(codes(r), mask).to.deep.equal([code]);
      expect(r.issues[0].message, mask).to.equal(text);
      expect(r.issues[0].path).to.equal('schedules.cost');
    }
    expect(codes(checkCron('', {required: true}))).to.deep.equal(['required']);
    expect(codes(checkCron(`0 0 * * ${'1,'.repeat(60)}1`))).to.deep.equal(['text.too-long']);
    expect(CRON_FIELDS.map((f) => f.name)).to.deep.equal(['minute', 'hour', 'day of month', 'month', 'day of week']);
  });

  it('refuses nothing croner runs for ever: a "never" mask has no runs there, and a day-of-week keeps it alive', async () => {
    expect(await nextRuns('0 0 31 * *', {count: 1})).to.have.length(1);
    // Day of month OR day of week, as in Vixie cron: Fridays run even though February has no 30th.
    expect(checkCron('0 0 30 2 5').issues).to.deep.equal([]);
    expect(await nextRuns('0 0 30 2 5', {count: 1, from: new Date('2026-01-01T00:00:00Z')})).to.deep.equal([new Date('2026-02-06T00:00:00Z')]);
  });

  it('reads a mask in plain English', async () => {
    expect(await describeCron('0 2 * * *')).to.equal('At 02:00');
    expect(await describeCron('*/15 * * * *')).to.equal('Every 15 minutes');
    expect(await describeCron('0 3 * * 1-5')).to.equal('At 03:00, Monday through Friday');
    expect(await describeCron('0 14 * * *', {use24Hour: false})).to.equal('At 02:00 PM');
    let error: unknown;
    await describeCron('0 0 * * MON').catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(RangeError);
    expect((error as RangeError).message).to.equal('Use numbers in the day of week field (0–7), not names such as MON.');
  });

  it('gives the next runs in a time zone', async () => {
    const from = new Date('2026-01-02T00:00:00Z'); // a Friday
    expect(await nextRuns('0 9 * * 1-5', {count: 3, timeZone: 'America/New_York', from})).to.deep.equal([
      new Date('2026-01-02T14:00:00Z'),
      new Date('2026-01-05T14:00:00Z'),
      new Date('2026-01-06T14:00:00Z'),
    ]);
    expect(await nextRuns('0 9 * * 1-5', {count: 1, from})).to.deep.equal([new Date('2026-01-02T09:00:00Z')]);
    // Across the spring change in Berlin (29 March 2026) a 09:00 run moves from 08:00 to 07:00 UTC.
    expect(await nextRuns('0 9 * * *', {count: 2, timeZone: 'Europe/Berlin', from: new Date('2026-03-28T12:00:00Z')})).to.deep.equal([
      new Date('2026-03-29T07:00:00Z'),
      new Date('2026-03-30T07:00:00Z'),
    ]);
    expect((await nextRuns('*/5 * * * *')).length).to.equal(5);
  });

  it('refuses an unknown time zone, a bad mask or count, with the same messages', async () => {
    expect(checkTimeZone('Europe/Berlin').issues).to.deep.equal([]);
    expect(checkTimeZone('Mars/Olympus', {path: 'schedules.timeZone'}).issues.map((i) => i.message)).to.deep.equal(['"Mars/Olympus" is not a known time zone.']);
    const failure = async (run: () => Promise<unknown>): Promise<string> => {
      try {
        await run();
        return 'resolved';
      } catch (e) {
        return e instanceof RangeError ? e.message : String(e);
      }
    };
    expect(await failure(() => nextRuns('0 0 * * *', {timeZone: 'Mars/Olympus'}))).to.equal('"Mars/Olympus" is not a known time zone.');
    expect(await failure(() => nextRuns('61 0 * * *'))).to.equal('The minute field takes 0–59; 61 is outside that.');
    expect(await failure(() => nextRuns('0 0 * * *', {count: 0}))).to.equal('count must be a whole number from 1 to 100');
  });
});
