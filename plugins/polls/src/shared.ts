// Pure poll rules shared by every half: error codes, whether a poll is open, which choices a
// vote may name, percents that sum to 100, and the shuffled order of choices.

/** Stable `extensions.code` values of the polls API. */
export const pollErrorCodes = {
  notFound: 'POLL_NOT_FOUND',
  closed: 'POLL_CLOSED',
  badChoice: 'BAD_CHOICE',
  tooMany: 'TOO_MANY_CHOICES',
  noChoice: 'NO_CHOICE',
} as const;
export type PollErrorCode = (typeof pollErrorCodes)[keyof typeof pollErrorCodes];

export const placements = ['article', 'section', 'home'] as const;
export type Placement = (typeof placements)[number];
export const resultModes = ['percent', 'totals', 'hidden'] as const;
export type ResultMode = (typeof resultModes)[number];

export const MIN_CHOICES = 2;
export const MAX_CHOICES = 10;
export const MAX_QUESTION = 200;
export const MAX_LABEL = 80;
/** The longest reader id a front end may pass (an opaque cookie id or a keyed hash). */
export const MAX_READER = 200;

/** Open from `opensAt` (inclusive) until `closesAt` (exclusive); a missing bound is no bound. */
export function isOpen(poll: { readonly opensAt: number | null; readonly closesAt: number | null }, now: number): boolean {
  return (poll.opensAt === null || poll.opensAt <= now) && (poll.closesAt === null || now < poll.closesAt);
}

/** How many choices one vote may name: 1 for a single-choice poll, else `maxChoices` capped by the number of choices. */
export function allowedChoices(poll: { readonly isMultiple: boolean; readonly maxChoices: number | null }, choiceCount: number): number {
  if (!poll.isMultiple) return 1;
  const max = poll.maxChoices ?? choiceCount;
  return Math.max(1, Math.min(max, choiceCount));
}

export type ChoiceCheck = { readonly ok: true; readonly choices: readonly string[] } | { readonly ok: false; readonly code: PollErrorCode; readonly message: string };

/**
 * The distinct choice keys of a vote, in the order given, or why the vote is refused:
 * NO_CHOICE (none), BAD_CHOICE (a key the poll does not have), TOO_MANY_CHOICES.
 */
export function checkChoices(
  poll: { readonly isMultiple: boolean; readonly maxChoices: number | null; readonly keys: readonly string[] },
  chosen: readonly string[],
): ChoiceCheck {
  const distinct = [...new Set(chosen)];
  if (distinct.length === 0) return { ok: false, code: pollErrorCodes.noChoice, message: 'Choose at least one answer.' };
  const unknown = distinct.find((key) => !poll.keys.includes(key));
  if (unknown !== undefined) return { ok: false, code: pollErrorCodes.badChoice, message: `"${unknown}" is not a choice of this poll.` };
  const allowed = allowedChoices(poll, poll.keys.length);
  if (distinct.length > allowed) {
    return { ok: false, code: pollErrorCodes.tooMany, message: allowed === 1 ? 'Choose one answer.' : `Choose at most ${allowed} answers.` };
  }
  return { ok: true, choices: distinct };
}

/**
 * Whole percents of each count that sum to exactly 100 (largest remainder: floor each share,
 * then give the missing points to the largest remainders, earlier entries first on a tie).
 * Null for every entry when there is nothing to share.
 */
export function percents(counts: readonly number[]): Array<number | null> {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total <= 0) return counts.map(() => null);
  const shares = counts.map((count, index) => {
    const exact = (count * 100) / total;
    return { index, floor: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let missing = 100 - shares.reduce((sum, share) => sum + share.floor, 0);
  const result = shares.map((share) => share.floor);
  const byRemainder = [...shares].sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const share of byRemainder) {
    if (missing <= 0) break;
    result[share.index] = (result[share.index] ?? 0) + 1;
    missing -= 1;
  }
  return result;
}

/** A shuffled copy (Fisher–Yates); `random` returns [0, 1) and is replaceable for tests. */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const a = copy[i] as T;
    copy[i] = copy[j] as T;
    copy[j] = a;
  }
  return copy;
}
