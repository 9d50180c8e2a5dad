// The polls chat half: after an article, an entry for each poll placed there ("Poll: …");
// the `poll` view shows the question with numbered choices, takes the reader's choice(s),
// votes through the delivery API as this reader's keyed hash, and shows the results.
// Every word a reader sees comes from locales/<code>/chat.json in their language.
import { z } from 'zod';
import { CmsError } from '@baobab/kit/delivery';
import type { ChatContext, ChatEntry, ChatHalf, ChatScreen } from '@baobab/plugin-api';

const POLL_FIELDS = 'slug question isMultiple maxChoices results isOpen totalVotes choices { id label votes percent }';

const QUERIES = {
  entries: `query ChatPollEntries($site: String!, $locale: String, $article: String!) { site(code: $site) {
    polls(locale: $locale, placement: ARTICLE, article: $article) { slug question } } }`,
  poll: `query ChatPoll($site: String!, $slug: String!, $locale: String) { site(code: $site) { poll(slug: $slug, locale: $locale) { ${POLL_FIELDS} } } }`,
  vote: `mutation ChatVote($site: String!, $poll: String!, $choices: [ID!]!, $reader: String!, $locale: String) {
    vote(site: $site, poll: $poll, choices: $choices, reader: $reader, locale: $locale) { counted poll { ${POLL_FIELDS} } } }`,
} as const;

const pollSchema = z.object({
  slug: z.string(),
  question: z.string(),
  isMultiple: z.boolean(),
  maxChoices: z.number().int().min(1),
  results: z.enum(['PERCENT', 'TOTALS', 'HIDDEN']),
  isOpen: z.boolean(),
  totalVotes: z.number().int().nullable(),
  choices: z.array(z.object({ id: z.string(), label: z.string(), votes: z.number().int().nullable(), percent: z.number().int().nullable() })),
});
export type ChatPoll = z.infer<typeof pollSchema>;

const entriesSchema = z.object({ site: z.object({ polls: z.array(z.object({ slug: z.string(), question: z.string() })) }).nullable() });
const pollAnswerSchema = z.object({ site: z.object({ poll: pollSchema.nullable() }).nullable() });
const voteSchema = z.object({ vote: z.object({ counted: z.boolean(), poll: pollSchema }) });

/** Codes of a vote the reader can put right by answering again: the same question, with a re-prompt. */
const RETRY_CODES = ['BAD_CHOICE', 'NO_CHOICE', 'TOO_MANY_CHOICES'] as const;

/** One delivery call, its answer checked; an error the reader cannot act on is the CMS failing. */
async function ask<T>(context: ChatContext, schema: z.ZodType<T>, query: string, variables: Record<string, unknown>): Promise<{ data: T } | { code: string }> {
  const answer = await context.delivery(query, variables);
  const first = answer.errors?.[0];
  if (first) return { code: first.code ?? 'CMS_ERROR' };
  const parsed = schema.safeParse(answer.data);
  if (!parsed.success) throw new CmsError('CMS_ERROR', `polls: the delivery API answered an unexpected shape: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  return { data: parsed.data };
}

const fail = (what: string, code: string) => new CmsError('CMS_ERROR', `polls: ${what} failed: ${code}`, [code]);

async function loadPoll(context: ChatContext, slug: string): Promise<ChatPoll | null> {
  const answer = await ask(context, pollAnswerSchema, QUERIES.poll, { site: context.site.code, slug, locale: context.locale });
  if ('code' in answer) {
    if (answer.code === 'PLUGIN_NOT_ENABLED' || answer.code === 'POLL_NOT_FOUND') return null;
    throw fail('poll', answer.code);
  }
  return answer.data.site?.poll ?? null;
}

/** The question with its choices; the input of a choice is its key, so a shuffled order never changes what a number meant. */
export function questionScreen(poll: ChatPoll, notice?: string): ChatScreen {
  return {
    text: poll.question,
    choices: poll.choices.map((choice) => ({ label: choice.label, input: choice.id })),
    ...(poll.isMultiple ? { isMultiple: true } : {}),
    ...(notice === undefined ? {} : { notice }),
  };
}

/**
 * The results: each choice with its percent or total, and the number of votes; only thanks
 * when the poll hides them. After a vote the first line is the thanks (the reader has just
 * read the question), so the results fit one USSD screen; otherwise it is the question.
 */
export function resultsScreen(poll: ChatPoll, t: ChatContext['t'], heading: 'pollThanks' | 'pollAlreadyVoted' | 'pollClosed' | null): ChatScreen & { done: true } {
  const hasVoted = heading === 'pollThanks' || heading === 'pollAlreadyVoted';
  const lines: string[] = hasVoted ? [t(heading)] : [poll.question, ...(heading ? [t(heading)] : [])];
  if (poll.results === 'HIDDEN' || poll.totalVotes === null) {
    if (!hasVoted) lines.push(t('pollHidden'));
  } else if (poll.totalVotes === 0) {
    lines.push(t('pollNoVotes'));
  } else {
    for (const choice of poll.choices) lines.push(`${choice.label}: ${poll.results === 'PERCENT' ? `${choice.percent ?? 0}%` : String(choice.votes ?? 0)}`);
    lines.push(t('pollTotal', { count: poll.totalVotes }));
  }
  return { text: lines.join('\n'), choices: [], done: true };
}

/**
 * What the reader typed, as choice keys: each token (separated by commas, spaces, `*` or
 * `;`) is a choice's key, or its number in the order shown (1-based). The problem, when
 * there is one, is the chat.json key of the re-prompt.
 */
export function parseChoices(poll: ChatPoll, input: string): { keys: string[] } | { problem: 'pollBadChoice' | 'pollPickOne' | 'pollTooMany' } {
  const tokens = input
    .split(/[\s,;*#]+/)
    .map((token) => token.trim())
    .filter((token) => token !== '');
  if (tokens.length === 0) return { problem: 'pollBadChoice' };
  const keys: string[] = [];
  for (const token of tokens) {
    const byKey = poll.choices.find((choice) => choice.id === token);
    const byNumber = /^\d{1,3}$/.test(token) ? poll.choices[Number(token) - 1] : undefined;
    const found = byKey ?? byNumber;
    if (!found) return { problem: 'pollBadChoice' };
    if (!keys.includes(found.id)) keys.push(found.id);
  }
  if (!poll.isMultiple && keys.length > 1) return { problem: 'pollPickOne' };
  if (keys.length > poll.maxChoices) return { problem: 'pollTooMany' };
  return { keys };
}

const notFound = (t: ChatContext['t']): ChatScreen & { done: true } => ({ text: t('notFound'), choices: [], done: true });

const stateSchema = z.object({ slug: z.string().min(1).max(200) });

const half: ChatHalf = {
  async articleEntries(context, article): Promise<readonly ChatEntry[]> {
    const answer = await ask(context, entriesSchema, QUERIES.entries, { site: context.site.code, locale: context.locale, article });
    if ('code' in answer) {
      if (answer.code === 'PLUGIN_NOT_ENABLED') return [];
      throw fail('polls after an article', answer.code);
    }
    return (answer.data.site?.polls ?? []).map((poll) => ({ label: context.t('pollEntry', { question: poll.question }), view: 'poll', state: { slug: poll.slug } }));
  },
  views: {
    poll: {
      async show(context, state) {
        const parsed = stateSchema.safeParse(state);
        const poll = parsed.success ? await loadPoll(context, parsed.data.slug) : null;
        if (!poll) return notFound(context.t);
        return poll.isOpen ? questionScreen(poll) : resultsScreen(poll, context.t, 'pollClosed');
      },
      async answer(context, state, input) {
        const parsed = stateSchema.safeParse(state);
        const poll = parsed.success ? await loadPoll(context, parsed.data.slug) : null;
        if (!poll) return notFound(context.t);
        if (!poll.isOpen) return resultsScreen(poll, context.t, 'pollClosed');
        const choices = parseChoices(poll, input);
        if ('problem' in choices) return questionScreen(poll, context.t(choices.problem, { max: poll.maxChoices }));
        const voted = await ask(context, voteSchema, QUERIES.vote, { site: context.site.code, poll: poll.slug, choices: choices.keys, reader: context.voter, locale: context.locale });
        if ('data' in voted) return resultsScreen(voted.data.vote.poll, context.t, voted.data.vote.counted ? 'pollThanks' : 'pollAlreadyVoted');
        const { code } = voted;
        if (code === 'POLL_CLOSED') {
          const closed = await loadPoll(context, poll.slug);
          return closed ? resultsScreen(closed, context.t, 'pollClosed') : notFound(context.t);
        }
        if ((RETRY_CODES as readonly string[]).includes(code)) return questionScreen(poll, context.t(code === 'TOO_MANY_CHOICES' ? 'pollTooMany' : 'pollBadChoice', { max: poll.maxChoices }));
        if (code === 'RATE_LIMITED') return questionScreen(poll, context.t('pollTryLater'));
        if (code === 'POLL_NOT_FOUND' || code === 'PLUGIN_NOT_ENABLED') return notFound(context.t);
        throw fail('vote', code);
      },
    },
  },
};

export default half;
