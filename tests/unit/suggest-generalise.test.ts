import { describe, expect, it } from 'vitest';
import { generaliseReply, signOff } from '../../lib/suggest/generalise';

describe('generaliseReply', () => {
  it('turns the customer-specific parts into variables', () => {
    const r = generaliseReply(
      '@jane_d Hi Jane, order 112-5550123-1234567 is on its way, @jane_d. DM us: https://x.com/messages/12-34 ^JD',
      { customerHandle: 'jane_d', customerName: 'Jane Doe' },
    );
    expect(r.body).toBe(
      'Hi {{customer.first_name}}, order {{ask:order number}} is on its way, @{{customer.handle}}. DM us: {{ask:DM link}} {{agent.signature}}',
    );
    expect(r.variables).toEqual(['agent.signature', 'ask:DM link', 'customer.handle', 'customer.first_name', 'ask:order number']);
  });

  it('finds the name after a greeting when the display name is unknown', () => {
    expect(generaliseReply('@115767 Hi Jason, please let us know. Thanks! ^AJ https://t.co/iuwZCjz4Or').body).toBe(
      'Hi {{customer.first_name}}, please let us know. Thanks! {{agent.signature}} https://t.co/iuwZCjz4Or',
    );
    expect(generaliseReply('Hola María, ya lo revisamos.').body).toBe('Hola {{customer.first_name}}, ya lo revisamos.');
    // Not names: "there", and lower-case words.
    expect(generaliseReply('Hi there, thanks for waiting.').body).toBe('Hi there, thanks for waiting.');
    expect(generaliseReply('hi again, all good').body).toBe('hi again, all good');
  });

  it("never carries one customer's first name to the next: titles, accents, case, handles as names, nicknames", () => {
    const g = (text: string, customerName: string) => generaliseReply(text, { customerName }).body;
    expect(g('Hi Jane, your refund is on its way.', 'Dr. Jane Smith')).toBe('Hi {{customer.first_name}}, your refund is on its way.');
    expect(g('Hola María, ya lo revisamos.', 'Maria Lopez')).toBe('Hola {{customer.first_name}}, ya lo revisamos.');
    expect(g('Thanks Kevin! We fixed it.', 'kevin_b')).toBe('Thanks {{customer.first_name}}! We fixed it.');
    expect(g("We checked Jane's order and JANE's refund.", 'Jane Doe')).toBe("We checked {{customer.first_name}}'s order and {{customer.first_name}}'s refund.");
    // The display name says Robert, the agent wrote Bob: the greeting still gives it away.
    expect(g('Hi Bob, sorry about that!', 'Robert Stone')).toBe('Hi {{customer.first_name}}, sorry about that!');
    // A word that only contains the name stays.
    expect(g('Janet from our team will call.', 'Jane Doe')).toBe('Janet from our team will call.');
  });

  it("turns this brand's case references and numbered orders into variables, leaving times and prices", () => {
    expect(generaliseReply('Your case is ACME-0042, we are on it.').body).toBe('Your case is {{case.reference}}, we are on it.');
    expect(generaliseReply('Hola, tu pedido 48213 sale hoy.').body).toBe('Hola, tu pedido {{ask:order number}} sale hoy.');
    expect(generaliseReply('Order #4821 and order no. 55123 ship at 10:30 for $12.50.').body).toBe(
      'Order {{ask:order number}} and order no. {{ask:order number}} ship at 10:30 for $12.50.',
    );
    expect(generaliseReply('Call 1-800-275-2273 or see COVID-19 rules.').body).toBe('Call 1-800-275-2273 or see COVID-19 rules.');
  });

  it('recognises dash sign-offs and keeps brand phone numbers and short numbers', () => {
    expect(generaliseReply('@1 Your case 48213377 is open. Call 1-800-275-2273 within 24 hours - Ann').body).toBe(
      'Your case {{ask:reference}} is open. Call 1-800-275-2273 within 24 hours {{agent.signature}}',
    );
    expect(generaliseReply('We ❤️ you too ☺-Sabi').body).toBe('We ❤️ you too ☺ {{agent.signature}}');
  });

  it('leaves a plain reply alone', () => {
    expect(generaliseReply('Please restart the app and try again.')).toEqual({ body: 'Please restart the app and try again.', variables: [] });
  });

  it('reads the sign-off', () => {
    expect(signOff('Thanks! ^AJ https://t.co/x')).toBe('^AJ');
    expect(signOff('All sorted -Sabi')).toBe('-Sabi');
    expect(signOff('No signature here.')).toBeUndefined();
  });
});
