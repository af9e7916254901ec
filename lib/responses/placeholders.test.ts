import { describe, expect, it } from 'vitest';
import { expandPlaceholders, firstNameOf, responseMatches, unknownPlaceholders } from './placeholders';

const values = { 'contact.firstName': 'Dana', 'contact.name': 'Dana Smith', 'agent.nickname': 'Alex', 'chat.subject': 'Where is my order?', 'queue.name': 'Main' };

describe('standard-response placeholders (A15)', () => {
  it('fills every known placeholder, wherever and however often it appears', () => {
    expect(expandPlaceholders('Hello {contact.firstName}, I am {agent.nickname}.', values)).toBe('Hello Dana, I am Alex.');
    expect(expandPlaceholders('{contact.name} / {contact.name}', values)).toBe('Dana Smith / Dana Smith');
    expect(expandPlaceholders('About "{chat.subject}" in {queue.name}', values)).toBe('About "Where is my order?" in Main');
    expect(expandPlaceholders('Hi { contact.firstName }!', values)).toBe('Hi Dana!');
  });

  it('leaves a placeholder without a value, or an unknown one, visible for the agent to edit', () => {
    expect(expandPlaceholders('Hello {contact.firstName}', { 'contact.firstName': '' })).toBe('Hello {contact.firstName}');
    expect(expandPlaceholders('Hello {contact.firstName}', {})).toBe('Hello {contact.firstName}');
    expect(expandPlaceholders('Your ticket {ticket.id}', values)).toBe('Your ticket {ticket.id}');
    expect(expandPlaceholders('{constructor.name} {__proto__.x}', values)).toBe('{constructor.name} {__proto__.x}');
  });

  it('does not expand values a second time, and {{ }} write literal braces', () => {
    expect(expandPlaceholders('Hi {contact.firstName}', { 'contact.firstName': '{agent.nickname}' })).toBe('Hi {agent.nickname}');
    expect(expandPlaceholders('Use {{contact.firstName}} to greet', values)).toBe('Use {contact.firstName} to greet');
  });

  it('keeps text without placeholders as it is, markup included (it is shown as text)', () => {
    expect(expandPlaceholders('<b>Thanks</b> — à bientôt', values)).toBe('<b>Thanks</b> — à bientôt');
  });

  it('first names and unknown placeholders for the admin page', () => {
    expect(firstNameOf('  Dana   Smith ')).toBe('Dana');
    expect(firstNameOf('Cher')).toBe('Cher');
    expect(unknownPlaceholders('Hi {contact.firstName}, {ticket} {{literal}}')).toEqual(['ticket']);
  });
});

describe('searching standard responses from the composer', () => {
  it('shows a response only when every typed word is in its shortcut, title or text', () => {
    const value = 'order-lookup Order lookup';
    const text = ['Thanks {contact.firstName}! Looking up your order now.'];
    expect(responseMatches(value, '', text)).toBe(1);
    expect(responseMatches(value, 'order-lookup', text)).toBe(1);
    expect(responseMatches(value, '/order', text)).toBe(1);
    expect(responseMatches(value, 'LOOKUP thanks', text)).toBe(1);
    expect(responseMatches('salutation Salutation', 'salut', ['Bonjour, ici {agent.nickname}'])).toBe(1);
    expect(responseMatches('greeting Greeting', 'réponse', ['Réponse rapide'])).toBe(1);
    // Letters scattered across the text are not a match (unlike a fuzzy search).
    expect(responseMatches('closing Closing', 'order-ab12', ['Is there anything else I can help you with?'])).toBe(0);
    expect(responseMatches(value, 'refund', text)).toBe(0);
  });
});
