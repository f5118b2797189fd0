/**
 * A kept page's address without the parameters that only say how the reader got there (a
 * newsletter's utm_*, Facebook's fbclid…), and the key that says two addresses are the same page.
 *
 * Those parameters are removed before a page is stored (lib/knowledge/capture.ts checkUrl), and
 * again when a stored page is suggested (lib/panel/suggester.ts), since pages kept before this
 * was done still carry them: a suggested link goes into a public reply, and a click id is the
 * agent's own (it can tie the agent's Facebook account to the reply).
 *
 * No npm package of the project does this, so the list is here. It names only parameters that
 * identify a campaign or a click, never one that can choose what a page shows. Sources: Google
 * Analytics and Ads (utm_*, gclid, gclsrc, dclid, gbraid, wbraid, _ga, _gl, srsltid), Facebook and
 * Instagram (fbclid, igshid, igsh), Microsoft Advertising (msclkid), Yandex (yclid), X (twclid),
 * TikTok (ttclid), LinkedIn (li_fat_id), Mailchimp (mc_cid, mc_eid), HubSpot (_hsenc, _hsmi,
 * __hstc, __hssc, __hsfp, hsCtaTracking), Marketo (mkt_tok), Omeda (oly_anon_id, oly_enc_id), Vero
 * (vero_id, vero_conv), Wicked Reports (wickedid), Rakuten (ranMID, ranEAID, ranSiteID).
 */
import { normaliseUrl } from '../suggest/article-url';

const TRACKING_PARAMS = new Set(
  (
    'fbclid gclid gclsrc dclid gbraid wbraid msclkid yclid twclid ttclid li_fat_id igshid igsh mc_cid mc_eid ' +
    '_hsenc _hsmi __hstc __hssc __hsfp hsctatracking mkt_tok oly_anon_id oly_enc_id vero_id vero_conv wickedid ' +
    '_ga _gl srsltid ranmid raneaid ransiteid'
  ).split(' '),
);

function decodeName(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** True for a query parameter that only tracks the visit (matched case-insensitively). */
export function isTrackingParam(name: string): boolean {
  const n = name.trim().toLowerCase();
  return n.startsWith('utm_') || TRACKING_PARAMS.has(n);
}

/**
 * The query string (`URL.search`, with or without its "?") without tracking parameters; every
 * other parameter is kept exactly as written (not re-encoded), in its order. '' when none is left.
 */
export function stripTrackingQuery(search: string): string {
  const query = search.startsWith('?') ? search.slice(1) : search;
  if (!query) return '';
  const parts = query.split('&');
  const kept = parts.filter((part) => !isTrackingParam(decodeName(part.split('=')[0] ?? '')));
  if (kept.length === parts.length) return search.startsWith('?') ? search : `?${search}`;
  return kept.length ? `?${kept.join('&')}` : '';
}

/** The address without tracking parameters; an address that does not parse is returned as it is. */
export function withoutTracking(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  if (!u.search) return url;
  const search = stripTrackingQuery(u.search);
  if (search === u.search) return url;
  u.search = search;
  return u.href;
}

/**
 * Same page ⇔ same key: the suggestion engine's key (normaliseUrl: no scheme, "www.", fragment or
 * trailing slash) of the address without tracking parameters. The knowledge base keeps one page
 * per key and place (lib/db/repositories/kb.ts addArticle), the engine one entry per key.
 */
export function articleKey(url: string): string {
  return normaliseUrl(withoutTracking(url));
}
