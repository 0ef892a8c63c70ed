/**
 * The background's message checks on their own: every shape it accepts, and a typed rejection for
 * everything else (the extension tests send the same kinds of messages through the real browser).
 */
import {expect} from '@open-wc/testing';
import {MAX_HINT_LENGTH, MAX_MESSAGE_BYTES, parseRequest, type Rejection} from './messages.js';

const codeOf = (raw: unknown): string | null => {
  const r = parseRequest(raw);
  return 'ok' in r ? (r as Rejection).error.code : null;
};

describe('extension messages', () => {
  it('accepts exactly the three requests', () => {
    expect(parseRequest({type: 'ping'})).to.deep.equal({type: 'ping'});
    expect(parseRequest({type: 'bridge-config'})).to.deep.equal({type: 'bridge-config'});
    expect(parseRequest({type: 'bridge-open', hint: '  Aldercrest Dental '})).to.deep.equal({type: 'bridge-open', hint: 'Aldercrest Dental'});
  });

  it('rejects other shapes, extra fields, unknown types and oversized messages, each with its code', () => {
    for (const raw of [null, 3, 'ping', [], ['ping'], {}, {type: 3}, {type: ['ping']}, Object.create({type: 'ping'})]) expect(codeOf(raw), JSON.stringify(raw)).to.equal('bad-shape');
    expect(codeOf({type: 'ping', extra: 1})).to.equal('bad-shape');
    expect(codeOf({type: 'bridge-open'})).to.equal('bad-shape');
    expect(codeOf({type: 'bridge-open', hint: 3})).to.equal('bad-shape');
    expect(codeOf({type: 'bridge-open', hint: '\u200b\u202e '})).to.equal('bad-shape');
    expect(codeOf({type: 'bridge-open', hint: 'x'.repeat(MAX_HINT_LENGTH + 1)})).to.equal('bad-shape');
    expect(codeOf({type: 'PING'})).to.equal('unknown-type');
    expect(codeOf({type: 'open-customer'})).to.equal('unknown-type');
    expect(codeOf({type: 'ping', pad: 'x'.repeat(MAX_MESSAGE_BYTES)})).to.equal('too-large');
    const cyclic: Record<string, unknown> = {type: 'ping'};
    cyclic.self = cyclic;
    expect(codeOf(cyclic)).to.equal('too-large');
    expect(codeOf(undefined)).to.equal('too-large');
  });
});
