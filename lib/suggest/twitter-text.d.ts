// twitter-text ships no types; only the part Caseside uses is declared.
declare module 'twitter-text' {
  interface ParsedTweet {
    weightedLength: number;
    valid: boolean;
    permillage: number;
    validRangeStart: number;
    validRangeEnd: number;
    displayRangeStart: number;
    displayRangeEnd: number;
  }
  const twitter: { parseTweet(text: string): ParsedTweet };
  export default twitter;
}
