import {expect} from '@open-wc/testing';
import type {Issue} from '../model/schema.js';
import {issue, joinPath, toIssues, type FormIssue} from './issue.js';
import {message, messageText, type MessageId} from './messages.js';
import {MESSAGES} from './messages-english.js';
import {rewordMessage} from './reword.js';

describe('forms: message catalogue', () => {
  it('holds plain sentences whose every placeholder a caller can fill', () => {
    for (const [id, text] of Object.entries(MESSAGES)) {
      expect(text, id).to.match(/^["{A-Z]/);
      expect(text, id).to.match(/\.$/);
      const names = [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const filled = message(id as MessageId, Object.fromEntries(names.map((n) => [n, 'x'])) as never);
      expect(filled, id).not.to.include('{');
      expect(filled, id).not.to.include('}');
    }
  });

  it('words every message through the catalogue with the same English text, by the same id', () => {
    for (const [id, text] of Object.entries(MESSAGES)) expect(messageText(id as MessageId, {}), id).to.equal(text);
  });

  it('recognises a message that arrived as English text (a server’s issue) with its parameters', () => {
    const english = message('text.too-long', {max: 200, length: 10_000});
    expect(rewordMessage(english)).to.equal(english);
    expect(rewordMessage('Something the server said.')).to.equal('Something the server said.');
  });

  it('writes numbers with grouping and leaves text parameters as they are', () => {
    expect(message('text.too-long', {max: 200, length: 10_000})).to.equal('Use at most 200 characters; this has 10,000.');
    expect(message('domain.tld', {tld: '123'})).to.equal('"123" is not a valid domain ending.');
    expect(message('required')).to.equal('This is required.');
  });

  it('an issue is a schema Issue with its id and parameters beside the message', () => {
    const i: FormIssue = issue('contacts[2].email', 'email.missing-at');
    const asSchemaIssue: Issue = i;
    expect(asSchemaIssue).to.deep.equal({path: 'contacts[2].email', code: 'email.missing-at', params: {}, message: 'An email address needs an @, as in name@example.com.'});
    const long = issue('name', 'text.too-long', {max: 200, length: 201});
    expect(long.params).to.deep.equal({max: 200, length: 201});
    expect(toIssues([i, long])).to.deep.equal([
      {path: 'contacts[2].email', message: 'An email address needs an @, as in name@example.com.'},
      {path: 'name', message: 'Use at most 200 characters; this has 201.'},
    ]);
  });

  it('joins paths the way the schema kit writes them', () => {
    expect(joinPath('', 'name')).to.equal('name');
    expect(joinPath('billing', 'address')).to.equal('billing.address');
    expect(joinPath('notifications.emails', 3)).to.equal('notifications.emails[3]');
  });
});
