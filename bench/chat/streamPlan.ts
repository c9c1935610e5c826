// The deltas the host would post for an answer streamed at a steady token
// rate: it batches the tokens that arrive within each ~33 ms into one
// chatDelta, so each delta holds the tokens of its interval.
export interface StreamPlan {
  readonly deltas: string[];
  /** Index of the first delta that holds token `n`, for each n asked. */
  deltaOfToken(n: number): number;
  readonly tokens: number;
}

export function streamPlan(tokens: readonly string[], tokensPerSecond: number, intervalMs: number): StreamPlan {
  const deltas: string[] = [];
  const firstTokenOfDelta: number[] = [];
  const msPerToken = 1000 / tokensPerSecond;
  let i = 0;
  for (let k = 0; i < tokens.length; k++) {
    const until = (k + 1) * intervalMs;
    firstTokenOfDelta.push(i);
    let text = '';
    while (i < tokens.length && (i + 1) * msPerToken <= until) text += tokens[i++];
    deltas.push(text);
  }
  return {
    deltas,
    tokens: tokens.length,
    deltaOfToken: (n) => {
      let k = 0;
      while (k + 1 < firstTokenOfDelta.length && (firstTokenOfDelta[k + 1] ?? Infinity) <= n) k++;
      return k;
    },
  };
}
