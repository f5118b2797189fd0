/**
 * Customer mood and urgency, English and Spanish, from a small lexicon kept here in code.
 *
 * Why a hand-written lexicon: everything runs on-device with no network, and the usual npm
 * package (`sentiment`, AFINN) is English-only and not a dependency. Customer-service messages
 * use a narrow vocabulary (refund, cancelled, waiting, still, useless…), so a few hundred
 * weighted words with negation handling read mood well enough to choose an opener; the result
 * carries its `signals` so the panel can show why.
 *
 * Scoring: each lexicon hit adds its weight (-3…+3); a negator ("not", "never", "no", "nunca",
 * "ni", "tampoco") within the 3 preceding words of the same clause (not across , . ; : ! ?: "No
 * worries, thanks!") flips it ("not happy" → negative) or, for a negative word, flips and halves it
 * ("not bad" → mildly positive), except words of time and waiting ("not here still", "no ha
 * llegado todavía" stay negative); "!!", ALL-CAPS words and angry emoji add to an upset reading.
 * Greetings ("buenas tardes", "good morning") are not read as words of mood.
 */
import { fold } from './text';
import { t as tr } from '../i18n';

export type Mood = 'upset' | 'neutral' | 'positive';
export type Urgency = 'low' | 'normal' | 'high';
export interface ToneReading {
  mood: Mood;
  urgency: Urgency;
  /** Human-readable evidence, e.g. `negative "refund"`, `negated "not working"`, `urgent "asap"`. */
  signals: string[];
  /** Summed lexicon score (negative = upset). */
  score: number;
  language: 'en' | 'es';
}

// Weights: -3 angry/insulting … -1 mild trouble; +1 … +3 thanks/praise. Stems are folded (no accents).
const LEXICON: ReadonlyArray<readonly [string, number]> = [
  // English, negative
  ...'terrible awful horrible worst disgusting ridiculous unacceptable pathetic useless joke scam fraud furious outraged disgrace appalling incompetent shameful'
    .split(' ').map((w) => [w, -3] as const),
  ...'angry annoyed frustrated frustrating disappointed disappointing upset fed rude lied lie liar stole stolen robbed hate hated sucks sucked poor bad worse wtf damn ugh'
    .split(' ').map((w) => [w, -2] as const),
  ...'broken broke fail failed failing error crash crashed crashing wrong problem issue issues missing lost late delayed delay cancelled canceled refund charged overcharged stuck waiting still again never nobody ignored ignoring unable cant wont doesnt didnt slow down'
    .split(' ').map((w) => [w, -1] as const),
  // English, positive
  ...'amazing awesome excellent fantastic perfect brilliant love loved wonderful outstanding superb'
    .split(' ').map((w) => [w, 3] as const),
  ...'great thanks thank appreciate appreciated helpful happy glad pleased nice good kind resolved fixed sorted works worked'
    .split(' ').map((w) => [w, 2] as const),
  ...'ok okay fine better cool'.split(' ').map((w) => [w, 1] as const),
  // Spanish, negative
  ...'pesimo pesima horrible vergonzoso vergüenza verguenza inaceptable inutil estafa fraude robo ridiculo asqueroso indignante harto harta'
    .split(' ').map((w) => [fold(w), -3] as const),
  ...'enojado enojada enfadado enfadada molesto molesta decepcionado decepcionada frustrado frustrada mal malo mala peor odio mentira mintieron robaron groseros'
    .split(' ').map((w) => [w, -2] as const),
  ...'problema error falla fallo roto rota perdido perdida retraso retrasado cancelado cancelaron reembolso cobraron cobrado cobrasteis cobro esperando todavia sigue nadie nunca lento tarde'
    .split(' ').map((w) => [fold(w), -1] as const),
  // Spanish, positive
  ...'excelente increible perfecto perfecta maravilloso genial encanta encantado encantada'
    .split(' ').map((w) => [fold(w), 3] as const),
  ...'gracias agradezco agradecido agradecida amable contento contenta feliz bueno buena resuelto solucionado funciona funciono'
    .split(' ').map((w) => [fold(w), 2] as const),
];
const WEIGHTS = new Map<string, number>(LEXICON);

// Multi-word expressions, checked on the folded text before single words.
const PHRASES: ReadonlyArray<readonly [RegExp, number]> = [
  [/\b(?:not|never) (?:working|work|arrived|received|delivered|resolved|fixed)\b/u, -2],
  [/\bno (?:funciona|sirve|llega|llego|me han|responden|contestan)\b/u, -2],
  [/\bno (?:me |nos )?(?:ha|han) (?:llegado|funcionado|respondido|contestado|devuelto|solucionado)\b/u, -2],
  // Charged twice: "me habéis cobrado dos veces", "I was charged twice".
  [/\b(?:charged|billed|cobrado|cobraron|cobrasteis|cobrais) (?:me |us |nos )?(?:twice|double|two times|dos veces|doble|de mas)\b/u, -2],
  [/\b(?:still|todavia|aun) (?:no|not|waiting|esperando|nothing|nada)\b/u, -2],
  [/\b(?:for|por) (?:\d+|two|three|several|dos|tres|varias?) (?:hours|days|weeks|horas|dias|semanas)\b/u, -1],
  [/\b(?:customer service|atencion al cliente) (?:is|es) (?:a )?(?:joke|terrible|awful|pesima|un chiste)\b/u, -3],
];

const NEGATORS = new Set(['not', 'never', 'no', 'dont', "don't", 'isnt', "isn't", 'wasnt', "wasn't", 'nunca', 'ni', 'tampoco', 'sin', 'nada']);
// Words that are already "negative because negated" in the lexicon, so a preceding negator must not flip them;
// and words of time and waiting, which a negator does not make good ("no ha llegado todavía", "not here still").
const INHERENTLY_NEGATED = new Set([
  'cant', 'wont', 'doesnt', 'didnt', 'never', 'nunca', 'nadie', 'nobody',
  'still', 'again', 'waiting', 'late', 'todavia', 'sigue', 'esperando', 'tarde',
]);
// Greetings, not words of mood: "Buenas tardes" is neither good nor late.
const GREETINGS = /\b(?:buen(?:os|as) (?:dias|tardes|noches)|good (?:morning|afternoon|evening))\b|(?:^|[\n.!?¡¿,;:])\s*(?:muy |hola,? )?buenas\b(?=\s*(?:[\n.!?,;:]|$))/gu;
// A clause ends at any of these: a negator does not reach past them ("No worries, thanks!").
const CLAUSE_END = /[,.;:!?¡¿\n]/u;

const UPSET_EMOJI = /[😡😠🤬😤😞😢😭💔👎🙄😩😫]/u;
const HAPPY_EMOJI = /[😀😃😄😁😊🙂😍🥰❤💙💕👍🙏🎉]/u;

const URGENT: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:urgent|urgently|asap|emergency|immediately|right now|right away|as soon as possible)\b/u, 'urgent'],
  [/\b(?:urgente|urgencia|emergencia|inmediatamente|ya mismo|cuanto antes|lo antes posible|ahora mismo)\b/u, 'urgente'],
  [/\b(?:my flight|boarding|departs?|leaves? in|in \d+ (?:min|mins|minutes|hours?))\b/u, 'time-critical'],
  [/\b(?:mi vuelo|embarque|sale en|en \d+ (?:minutos|horas?))\b/u, 'hora límite'],
  [/\b(?:locked out|hacked|stolen|fraud|unauthori[sz]ed|no (?:power|service|internet)|outage)\b/u, 'account/service at risk'],
  [/\b(?:hackearon|hackeada|robaron|fraude|no autorizad[oa]|sin (?:servicio|luz|internet))\b/u, 'cuenta/servicio en riesgo'],
];
// A day alone is not urgent ("Thanks, I got it today!"): only with a need or a problem.
const DEADLINE: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:tonight|today|by tomorrow)\b/u, 'time-critical'],
  [/\b(?:esta noche|hoy|para manana)\b/u, 'hora límite'],
];
const NEED = /\b(?:need|needs|needed|must|have to|has to|got to|require|required|necesito|necesitamos|necesita|tengo que|tiene que|hace falta|me hace falta)\b/u;
const LOW: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:no rush|no hurry|whenever|when you get a chance|not urgent|just wondering|curious)\b/u, 'no rush'],
  [/\b(?:sin prisa|cuando puedas|cuando pueda|no es urgente|por curiosidad)\b/u, 'sin prisa'],
];

// Frequent Spanish words that are not English words (folded). Two of them, at least 12% of the
// words, make a message Spanish: "Pésimo servicio, sigo sin mi reembolso" has five.
const SPANISH_HINTS = new Set(
  ('el la los las que de del por para con sin mi mis tu es esta estoy hola gracias pero muy ya mas porque tengo tiene nadie todavia ' +
    'sigo sigue hace hay nada nunca ayuda cuando donde como pedido reembolso servicio cuenta dinero semana dias horas ' +
    'pesimo pesima verguenza llega llego funciona quiero necesito puedo pueden hoy ayer manana otra vez tambien aun')
    .split(' '),
);

/** Reads the customer's latest messages (most recent last). */
export function readTone(customerMessages: readonly string[]): ToneReading {
  const recent = customerMessages.slice(-3);
  const raw = recent.join('\n');
  const text = fold(raw.replace(/https?:\/\/\S+/gu, ' ').replace(/@\w+/gu, ' '));
  const tokens = text.match(/[\p{L}\p{N}']+/gu) ?? [];
  // The words read for mood, each with its clause (greetings left out).
  const moodText = text.replace(GREETINGS, (g) => g.replace(/[\p{L}\p{N}']+/gu, ' '));
  const moodTokens: { tok: string; clause: number }[] = [];
  let clause = 0;
  for (const m of moodText.matchAll(/[\p{L}\p{N}']+|[,.;:!?¡¿\n]/gu)) {
    if (CLAUSE_END.test(m[0])) clause += 1;
    else moodTokens.push({ tok: m[0], clause });
  }
  const signals: string[] = [];
  let score = 0;

  const spanish = tokens.filter((t) => SPANISH_HINTS.has(t)).length;
  const language: 'en' | 'es' = spanish >= 2 && spanish / Math.max(1, tokens.length) > 0.12 ? 'es' : 'en';

  for (const [re, w] of PHRASES) {
    const hit = text.match(re);
    if (hit) {
      score += w;
      signals.push(tr(w < 0 ? 'tone.negative' : 'tone.positive', { word: hit[0] }));
    }
  }
  moodTokens.forEach(({ tok, clause: at }, i) => {
    const key = tok.replace(/'/gu, '');
    const w = WEIGHTS.get(key) ?? WEIGHTS.get(key.replace(/s$/u, ''));
    if (w === undefined) return;
    const window = moodTokens
      .slice(Math.max(0, i - 3), i)
      .filter((t) => t.clause === at)
      .map((t) => t.tok.replace(/'/gu, ''));
    const negator = INHERENTLY_NEGATED.has(key) ? undefined : window.find((t) => NEGATORS.has(t));
    // "not happy" is as bad as "unhappy"; "not bad" is only mildly good.
    score += negator ? (w > 0 ? -w : -w / 2) : w;
    signals.push(negator ? tr('tone.negated', { words: `${negator} ${tok}` }) : tr(w < 0 ? 'tone.negative' : 'tone.positive', { word: tok }));
  });

  const shouting = (raw.match(/\b[A-Z]{4,}\b/gu) ?? []).filter((w) => !/^(?:HTTP|HTTPS|DM|USA|UK|ETA|ASAP|PS\d)$/u.test(w));
  if (shouting.length >= 2) {
    score -= 1;
    signals.push(tr('tone.capitals', { words: shouting.slice(0, 3).join(' ') }));
  }
  if (/[!?]{2,}/u.test(raw) && score < 0) {
    score -= 1;
    signals.push(tr('tone.exclamations'));
  }
  if (UPSET_EMOJI.test(raw)) {
    score -= 2;
    signals.push(tr('tone.upsetEmoji'));
  } else if (HAPPY_EMOJI.test(raw)) {
    score += 1;
    signals.push(tr('tone.happyEmoji'));
  }

  const mood: Mood = score <= -2 ? 'upset' : score >= 2 ? 'positive' : 'neutral';

  let urgency: Urgency = 'normal';
  for (const [re, label] of URGENT) {
    if (re.test(text)) {
      urgency = 'high';
      signals.push(tr('tone.urgency', { word: label }));
    }
  }
  if (urgency === 'normal' && (score < 0 || NEED.test(text))) {
    for (const [re, label] of DEADLINE) {
      if (urgency === 'normal' && re.test(text)) {
        urgency = 'high';
        signals.push(tr('tone.urgency', { word: label }));
      }
    }
  }
  if (urgency === 'normal' && customerMessages.length >= 4 && mood === 'upset') {
    urgency = 'high';
    signals.push(tr('tone.inARow', { count: customerMessages.length }));
  }
  if (urgency === 'normal') {
    for (const [re, label] of LOW) {
      if (re.test(text)) {
        urgency = 'low';
        signals.push(tr('tone.lowUrgency', { word: label }));
      }
    }
  }
  return { mood, urgency, signals, score, language };
}
