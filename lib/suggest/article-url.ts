/**
 * Article identity and titles from URLs. A help-centre link shared in a past reply is matched to a
 * knowledge-base article by its normalised URL; an article whose text was never captured is known
 * by the words of its URL path ("…/kb/digital-certificate-revoked-aam.html" → "digital certificate
 * revoked aam").
 */

// Wayback Machine snapshots: https://web.archive.org/web/20200401224734/https://support.google.com/…
const ARCHIVE_PREFIX = /^(?:https?:\/\/)?web\.archive\.org\/web\/[0-9]{1,20}[a-z_]*\/+/iu;

/** Same page ⇔ same key: no archive prefix, scheme, "www.", fragment, trailing slash; host lower-cased. */
export function normaliseUrl(url: string): string {
  let u = url.trim().replace(ARCHIVE_PREFIX, '');
  u = u.replace(/^[a-z][a-z0-9+.-]*:\/\//iu, '').replace(/^www\./iu, '');
  u = u.replace(/#.*$/u, '').replace(/[)\].,;:!?'"]+$/u, '').replace(/\/+$/u, '');
  const slash = u.indexOf('/');
  return slash < 0 ? u.toLowerCase() : u.slice(0, slash).toLowerCase() + u.slice(slash);
}

// Path segments that say nothing about the topic.
const NOISE = new Set(
  (
    'www com org net co uk us en in es de fr it au ca gb ie nz br mx jp help support answer answers article articles ' +
    'kb hc s t5 ba p td m td-p thread threads html htm php aspx asp index page pages view docs doc document ' +
    'documents using topic topics community forums forum discussion discussions questions question get x productkb ' +
    'global categories category sections section faq faqs helpx detail details app apps web'
  ).split(' '),
);

/** Topic words of a URL: host name label (e.g. "fast" for fast.com) and path slugs, without ids. */
export function titleFromUrl(url: string): string {
  const key = normaliseUrl(url);
  const [host = '', ...path] = key.split('/');
  const hostWords = host.split('.').slice(0, -1);
  const out: string[] = [];
  for (const part of [...hostWords, ...path]) {
    for (const raw of decodeSafely(part.replace(/\?.*$/u, '')).split(/[^\p{L}\p{N}]+/u)) {
      const w = raw.toLowerCase();
      if (w.length < 2 || NOISE.has(w) || /\d/u.test(w)) continue;
      if (!out.includes(w)) out.push(w);
    }
  }
  return out.join(' ');
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Links in a text, as written. */
export function linksIn(text: string): string[] {
  return text.match(/\bhttps?:\/\/[^\s<>"]+/giu) ?? [];
}
