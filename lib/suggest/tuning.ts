/**
 * Engine hyper-parameters, chosen on development data only (CDP dev.json leave-one-out for the
 * article weights; the TWCS replay for the reply pool), never per brand. `npm run eval -- tune`
 * prints a small grid around these values. Replay findings (2026-11-25): neighbour weight
 * 1 + sim (uniform base + similarity) beat similarity-only weights (0.274 vs 0.265); the apology
 * opener is applied to the first reply only (on all three it cost 0.01 F1).
 */
export interface SuggestTuning {
  /** BM25 nearest past customer messages looked at. */
  neighbours: number;
  /** Of those, how many vote for the articles their replies linked. */
  articleNeighbours: number;
  /** Article vote of a neighbour = (score / best score) ^ power. */
  neighbourPower: number;
  /** Evidence weight of a neighbour's reply = base + sim · (score / best score) ^ power. */
  neighbourBase: number;
  neighbourSim: number;
  /** Most frequent generalised replies added to the candidate pool; weight = frequentWeight · uses. */
  frequentPool: number;
  frequentWeight: number;
  /** Most recent replies added to the pool, each with this weight. */
  recentPool: number;
  recentWeight: number;
  /** Article score = vote·(neighbour votes) + prior·(link popularity) + title·(BM25 on title/text). */
  articleVote: number;
  articlePrior: number;
  articleTitle: number;
  /** Include the agent's own turns when matching articles. */
  agentTurnsForArticles: boolean;
  /** Share of the message's words a template must match to be shown (unless a case tag matches). */
  templateMinCoverage: number;
  maxTemplates: number;
  /**
   * Query terms are kept rarest-first while their summed document frequency stays under this
   * (bounds the work of one search on a large memory; never reached on the evaluation corpora).
   */
  postingsBudget: number;
  /** Prefix an apology opener to replies when the customer is upset and no apology template exists. */
  apologyOpener: boolean;
}

export const DEFAULT_TUNING: SuggestTuning = {
  neighbours: 25,
  articleNeighbours: 10,
  neighbourPower: 2,
  neighbourBase: 1,
  neighbourSim: 1,
  frequentPool: 40,
  frequentWeight: 1,
  recentPool: 10,
  recentWeight: 1,
  articleVote: 1,
  articlePrior: 0.5,
  articleTitle: 0.5,
  agentTurnsForArticles: false,
  templateMinCoverage: 0.25,
  maxTemplates: 2,
  postingsBudget: 1200,
  apologyOpener: true,
};
