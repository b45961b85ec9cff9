// "Did you mean …?": the one near-miss finder for ids and field names. A suggestion is made only
// when it is close (a typo or two, or only the case differs) and unambiguous (one best match).

/**
 * Edit distance with adjacent transpositions (optimal string alignment): "digyb" → "digby" is 1.
 * Stops early and returns `limit + 1` once the distance is known to exceed `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const x = [...a];
  const y = [...b];
  let before = new Array<number>(y.length + 1).fill(0);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return previous[y.length]!;
}

/** How many edits still count as a near miss: 1 for short words, 2 from five characters on. */
function allowedEdits(word: string): number {
  return [...word].length >= 5 ? 2 : 1;
}

/**
 * The one candidate `word` most likely meant, or undefined when none is close or two are
 * equally close. Case is ignored first: "Digby" → "digby".
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const limit = allowedEdits(word);
  let best: string | undefined;
  let bestDistance = limit + 1;
  let ties = 0;
  for (const candidate of candidates) {
    if (candidate === word) return undefined; // Known: nothing to suggest.
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(lower, candidate.toLowerCase(), limit);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
      ties = 0;
    } else if (distance === bestDistance && distance <= limit) {
      ties += 1;
    }
  }
  return bestDistance <= limit && ties === 0 ? best : undefined;
}

/** The hint a message ends with: "did you mean `digby`?", or undefined when there is no near miss. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const match = closestMatch(word, candidates);
  return match === undefined ? undefined : `did you mean \`${match}\`?`;
}
