/**
 * Reading `_locales` as the browser does, for the background's words in a chosen language: the
 * build's format (a `$NAME$` placeholder filled by the first substitution), left for the caller
 * where no substitution is given, and nothing for a key the file lacks.
 */
import {expect} from '@open-wc/testing';
import {messageText, type LocaleMessages} from './locale-messages.js';

const messages: LocaleMessages = {
  bridgeOpen: {message: 'In Tenantry öffnen'},
  bridgeOpenTitle: {message: '„$HINT$“ in Tenantry öffnen', placeholders: {hint: {content: '$1'}}},
  price: {message: 'Costs $$5 for $WHO$', placeholders: {WHO: {content: '$1'}}},
};

describe('extension locale messages', () => {
  it('gives a message as i18n.getMessage does', () => {
    expect(messageText(messages, 'bridgeOpen')).to.equal('In Tenantry öffnen');
    expect(messageText(messages, 'bridgeOpenTitle', ['Aldercrest Dental'])).to.equal('„Aldercrest Dental“ in Tenantry öffnen');
    expect(messageText(messages, 'price', ['$1 and $2'])).to.equal('Costs $5 for $1 and $2');
  });

  it('leaves $1 for the caller when no substitution is given, and answers null for a missing key', () => {
    expect(messageText(messages, 'bridgeOpenTitle')).to.equal('„$1“ in Tenantry öffnen');
    expect(messageText(messages, 'missing')).to.equal(null);
    expect(messageText(messages, 'toString')).to.equal(null);
  });
});
