/** Time since `since` (a Date.now() value) as m:ss, e.g. "1:05"; never negative. */
export function elapsed(since: number): string {
  const s = Math.max(0, Math.floor((Date.now() - since) / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
