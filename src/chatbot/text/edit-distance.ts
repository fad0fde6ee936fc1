/**
 * Optimal-string-alignment distance (Levenshtein plus swapped neighbours, the commonest typo),
 * stopping early once it exceeds `max`: typo tolerance compares a query word with a vocabulary
 * of a few thousand stems per language, so most comparisons end after a row or two.
 */
export function withinDistance(a: string, b: string, max: number): number | null {
  if (Math.abs(a.length - b.length) > max) return null;
  if (a === b) return 0;
  let previous2: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2] + 1);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return null;
    previous2 = previous;
    previous = current;
  }
  const distance = previous[b.length];
  return distance <= max ? distance : null;
}
