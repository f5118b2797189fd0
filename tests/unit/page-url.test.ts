import { describe, expect, it } from 'vitest';
import { articleKey, isTrackingParam, stripTrackingQuery, withoutTracking } from '../../lib/knowledge/page-url';

describe('page addresses without tracking parameters', () => {
  it('removes only campaign and click ids, keeping the other parameters as written and the fragment', () => {
    expect(withoutTracking('https://help.acme.example/refunds?utm_source=newsletter&utm_medium=email')).toBe('https://help.acme.example/refunds');
    expect(withoutTracking('https://help.acme.example/refunds?fbclid=IwAR3x#step-2')).toBe('https://help.acme.example/refunds#step-2');
    expect(withoutTracking('https://help.acme.example/s?q=caf%C3%A9+au+lait&gclid=1&p=2')).toBe('https://help.acme.example/s?q=caf%C3%A9+au+lait&p=2');
    expect(withoutTracking('https://help.acme.example/s?utm%5Fsource=x&id=3')).toBe('https://help.acme.example/s?id=3');
    // Nothing to remove: the address as it was written.
    expect(withoutTracking('https://help.acme.example/s?a=1&&b')).toBe('https://help.acme.example/s?a=1&&b');
    expect(withoutTracking('not a url?utm_source=x')).toBe('not a url?utm_source=x');
    expect(stripTrackingQuery('?mc_eid=1&mc_cid=2')).toBe('');
    for (const name of ['utm_id', 'fbclid', 'gclid', 'dclid', 'msclkid', 'mc_eid', 'mc_cid', 'igshid', '_hsenc', '_hsmi', 'yclid', 'UTM_Source']) expect(isTrackingParam(name)).toBe(true);
    for (const name of ['id', 'q', 'page', 'lang', 'ref', 'utm']) expect(isTrackingParam(name)).toBe(false);
  });

  it('one key for one page: scheme, "www.", trailing slash and tracking parameters aside', () => {
    const key = articleKey('https://help.acme.example/refunds');
    for (const u of ['http://www.help.acme.example/refunds/', 'https://help.acme.example/refunds?utm_source=x', 'https://HELP.acme.example/refunds#top']) expect(articleKey(u)).toBe(key);
    expect(articleKey('https://help.acme.example/refunds?lang=es')).not.toBe(key);
    expect(articleKey('https://help.acme.example/Refunds')).not.toBe(key);
  });
});
