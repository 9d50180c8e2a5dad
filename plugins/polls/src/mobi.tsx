// The polls plugin on the mobi-site: the polls placed on a page (after an article, on a
// section, on the home page) as a plain form, or their results once closed or voted on;
// and the `vote` route that casts a reader's vote. No client JavaScript.
import type { MobiHalf, PluginPost, PluginPostResult, SlotProps } from '@baobab/plugin-api';
import type { ReactElement } from 'react';
import { z } from 'zod';
import { MAX_CHOICES } from './shared';

const POLL = 'slug question locale isFallback isMultiple maxChoices results isOpen totalVotes choices { id label votes percent }';

const poll = z.object({
  slug: z.string(),
  question: z.string(),
  locale: z.string(),
  isFallback: z.boolean(),
  isMultiple: z.boolean(),
  maxChoices: z.number().int(),
  results: z.enum(['PERCENT', 'TOTALS', 'HIDDEN']),
  isOpen: z.boolean(),
  totalVotes: z.number().int().nullable(),
  choices: z.array(z.object({ id: z.string(), label: z.string(), votes: z.number().int().nullable(), percent: z.number().int().nullable() })),
});
type Poll = z.infer<typeof poll>;

/** What every slot's selection answers under `site { }`. */
const slotData = z.object({ polls: z.array(poll) });

/** The form's fields, beside the mobi's own hidden ones (`_csrf`, `_back`). */
export const POLL_FIELD = 'poll';
export const CHOICE_FIELD = 'choice';
export const VOTE_ACTION = '/_plugins/polls/vote';

/** The vote mutation's error codes that the poll's own box explains → the reader's message key. */
export const VOTE_REFUSALS = {
  POLL_CLOSED: 'pollClosedError',
  BAD_CHOICE: 'pollBadChoice',
  TOO_MANY_CHOICES: 'pollTooManyChoices',
  NO_CHOICE: 'pollNoChoice',
  RATE_LIMITED: 'pollRateLimited',
} as const;
export type VoteRefusal = keyof typeof VOTE_REFUSALS;

/** The status of the page again for each refusal. */
export const REFUSAL_STATUS: Readonly<Record<VoteRefusal, 409 | 422 | 429>> = {
  POLL_CLOSED: 409,
  BAD_CHOICE: 422,
  TOO_MANY_CHOICES: 422,
  NO_CHOICE: 422,
  RATE_LIMITED: 429,
};

/** Codes with no poll on the page to explain them: the page again, the message above it, this status. */
export const VOTE_ERRORS: Readonly<Record<string, { readonly status: 404; readonly message: string }>> = {
  POLL_NOT_FOUND: { status: 404, message: 'pollNotFound' },
  PLUGIN_NOT_ENABLED: { status: 404, message: 'pollNotFound' },
};

/** A refusal's code as the page's query spells it (`error=too-many-choices`): a slug, like every form-state value. */
export const errorParam = (code: VoteRefusal): string => code.toLowerCase().replaceAll('_', '-');
const isRefusal = (code: string): code is VoteRefusal => code in VOTE_REFUSALS;
const refusalOf = (value: string | undefined): VoteRefusal | null =>
  (Object.keys(VOTE_REFUSALS) as VoteRefusal[]).find((code) => errorParam(code) === value) ?? null;

/**
 * What the page's query says about one poll, read strictly (anything else is ignored):
 * `voted=<poll>` → its results, thanking the reader (or, with `again=1`, saying they had
 * already voted) only when the state is their own redirect; `poll=<poll>&error=<code>` →
 * the message in its box, with `choice=<key>…` ticked again when every key is one of the
 * poll's and there are no more than it has choices.
 */
type PollState =
  | { readonly kind: 'results'; readonly note: 'thanks' | 'again' | null }
  | { readonly kind: 'refused'; readonly message: string | null; readonly picked: ReadonlySet<string> }
  | { readonly kind: 'plain' };

function stateOf(item: Poll, query: SlotProps['query'], isOwnRedirect: boolean): PollState {
  const only = (name: string) => (query[name]?.length === 1 ? query[name]?.[0] : undefined);
  if (only('voted') === item.slug) return { kind: 'results', note: !isOwnRedirect ? null : only('again') === '1' ? 'again' : 'thanks' };
  if (only('poll') !== item.slug) return { kind: 'plain' };
  const code = refusalOf(only('error'));
  const chosen = query[CHOICE_FIELD] ?? [];
  const keys = new Set(item.choices.map((choice) => choice.id));
  const isValid = chosen.length <= item.choices.length && new Set(chosen).size === chosen.length && chosen.every((key) => keys.has(key));
  return { kind: 'refused', message: code === null ? null : VOTE_REFUSALS[code], picked: new Set(isValid ? chosen : []) };
}

const Alert = ({ text }: { text: string }) => (
  <p role="alert" className="notice">
    <strong>{text}</strong>
  </p>
);

const Results = ({ item, t, note }: { item: Poll; t: SlotProps['t']; note: string | null }) => {
  const heading = note !== null ? <p className="notice">{t(note)}</p> : !item.isOpen ? <p className="meta">{t('pollClosed')}</p> : null;
  if (item.results === 'HIDDEN') {
    return (
      <>
        {heading}
        {note === 'pollThanks' ? null : <p>{t('pollResultsHidden')}</p>}
      </>
    );
  }
  return (
    <>
      {heading}
      <ul className="poll-results">
        {item.choices.map((choice) => (
          <li key={choice.id}>
            {item.results === 'PERCENT' ? (
              <>
                {`${choice.label}: `}
                <strong>{`${choice.percent ?? 0}%`}</strong>
                {/* A bar in plain HTML: its width is the share, its colour the theme's text colour. */}
                <span aria-hidden="true" style={{ display: 'block', height: '0.5em', minWidth: '1px', width: `${choice.percent ?? 0}%`, background: 'currentColor' }} />
              </>
            ) : (
              <>
                {`${choice.label}: `}
                <strong>{t('pollVotes', { count: choice.votes ?? 0 })}</strong>
              </>
            )}
          </li>
        ))}
      </ul>
      {item.totalVotes !== null ? <p className="meta">{t('pollTotalVotes', { count: item.totalVotes })}</p> : null}
    </>
  );
};

const Ballot = ({ item, props, message, picked }: { item: Poll; props: SlotProps; message: string | null; picked: ReadonlySet<string> }) => (
  <form method="post" action={`${VOTE_ACTION}#poll-${item.slug}`}>
    {Object.entries(props.formFields).map(([name, value]) => (
      <input key={name} type="hidden" name={name} value={value} />
    ))}
    <input type="hidden" name={POLL_FIELD} value={item.slug} />
    <fieldset>
      <legend>{item.question}</legend>
      {message !== null ? <Alert text={props.t(message)} /> : null}
      {item.isMultiple && item.maxChoices < item.choices.length ? <p className="meta">{props.t('pollChooseUpTo', { count: item.maxChoices })}</p> : null}
      {item.choices.map((choice) => (
        <p key={choice.id}>
          <label>
            {/* One radio required: the browser asks for an answer before posting, no JavaScript needed. */}
            <input type={item.isMultiple ? 'checkbox' : 'radio'} name={CHOICE_FIELD} value={choice.id} required={!item.isMultiple} defaultChecked={picked.has(choice.id)} />
            {` ${choice.label}`}
          </label>
        </p>
      ))}
    </fieldset>
    <button type="submit">{props.t('pollVote')}</button>
  </form>
);

const NOTES = { thanks: 'pollThanks', again: 'pollAlreadyVoted' } as const;

/** Every poll placed on the page: the ballot while it is open, the results once closed or just voted on. */
export function PollsSlot(props: SlotProps): ReactElement | null {
  const parsed = slotData.safeParse(props.data);
  if (!parsed.success || parsed.data.polls.length === 0) return null;
  return (
    <>
      {parsed.data.polls.map((item) => {
        const state = stateOf(item, props.query, props.isOwnRedirect);
        const message = state.kind === 'refused' ? state.message : null;
        return (
          <div key={item.slug} id={`poll-${item.slug}`} className="poll" lang={item.locale === props.locale ? undefined : item.locale}>
            <h2>{props.t('pollHeading')}</h2>
            {state.kind === 'results' || !item.isOpen ? (
              <>
                <p>
                  <strong>{item.question}</strong>
                </p>
                {message !== null ? <Alert text={props.t(message)} /> : null}
                <Results item={item} t={props.t} note={state.kind === 'results' && state.note !== null ? NOTES[state.note] : null} />
              </>
            ) : (
              <Ballot item={item} props={props} message={message} picked={state.kind === 'refused' ? state.picked : new Set()} />
            )}
          </div>
        );
      })}
    </>
  );
}

const VOTE = `mutation Vote($site: String!, $poll: String!, $choices: [ID!]!, $reader: String!, $locale: String) {
  vote(site: $site, poll: $poll, choices: $choices, reader: $reader, locale: $locale) { counted poll { slug } } }`;
const voteAnswer = z.object({ vote: z.object({ counted: z.boolean() }) });

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** Choice keys are slugs of at most 40 characters (the cms half's rule); a poll has at most 10. */
const isChoiceKey = (key: string) => key.length <= 40 && SLUG.test(key);
const values = (value: string | readonly string[] | undefined): readonly string[] => (value === undefined ? [] : typeof value === 'string' ? [value] : value);

/** The page with these form-state parameters (the mobi signs them for the reader). */
const withState = (back: string, params: ReadonlyArray<readonly [string, string]>) => `${back}?${new URLSearchParams(params.map(([name, value]) => [name, value])).toString()}`;

/**
 * `POST /_plugins/polls/vote`: casts the vote, then back to the page (303) showing the
 * results (`?voted=`, with `again=1` when the reader had voted before); or, refused, the page
 * again with a 4xx, the poll showing why and the reader's ticks (the page rendered with
 * `?poll=&error=&choice=`). An unknown poll has no box on the page to explain it in: the page
 * again with the message above it and a 404.
 */
export async function vote(post: PluginPost): Promise<PluginPostResult> {
  const back = values(post.fields._back)[0] ?? '/';
  const slug = values(post.fields[POLL_FIELD])[0] ?? '';
  const choices = [...new Set(values(post.fields[CHOICE_FIELD]))];
  const notFound = (code: string): PluginPostResult => {
    const known = VOTE_ERRORS[code] ?? { status: 404 as const, message: 'pollNotFound' };
    return { status: known.status, message: post.t(known.message), back };
  };
  // The page again with a 4xx: the reason inside the poll's box, the reader's ticks kept (the
  // form's action ends in #poll-<slug>, so the browser shows the poll, not the page's top).
  const refuse = (code: VoteRefusal): PluginPostResult => ({
    status: REFUSAL_STATUS[code],
    back: withState(back, [
      [POLL_FIELD, slug],
      ['error', errorParam(code)],
      // The reader's ticks, to tick again; the page keeps only the poll's own keys.
      ...choices.filter(isChoiceKey).slice(0, MAX_CHOICES).map((key) => [CHOICE_FIELD, key] as const),
    ]),
  });
  if (!SLUG.test(slug)) return notFound('POLL_NOT_FOUND');
  if (choices.length === 0) return refuse('NO_CHOICE');
  if (choices.length > MAX_CHOICES || !choices.every(isChoiceKey)) return refuse('BAD_CHOICE');
  const answer = await post.delivery(VOTE, { site: post.site.code, poll: slug, choices, reader: post.reader, locale: post.locale });
  const error = answer.errors?.[0];
  if (error) {
    if (error.code !== undefined && isRefusal(error.code)) return refuse(error.code);
    if (error.code !== undefined && error.code in VOTE_ERRORS) return notFound(error.code);
    // UNAUTHENTICATED (a write secret the CMS does not share) or anything unknown: our fault, not the reader's.
    throw new Error(`vote failed: ${error.code ?? 'ERROR'}: ${error.message}`);
  }
  const counted = voteAnswer.safeParse(answer.data);
  if (!counted.success) throw new Error('vote failed: the CMS answered no vote');
  // A second vote is not counted: the results, saying so. `?voted=` pages are rendered fresh, never cached.
  return { redirect: `${withState(back, [['voted', slug], ...(counted.data.vote.counted ? [] : [['again', '1'] as const])])}#poll-${slug}` };
}

const pollsMobi: MobiHalf<ReactElement> = {
  queries: {
    articleEnd: `polls(locale: $locale, placement: ARTICLE, article: $slug) { ${POLL} }`,
    section: `polls(locale: $locale, placement: SECTION, section: $slug) { ${POLL} }`,
    home: `polls(locale: $locale, placement: HOME) { ${POLL} }`,
  },
  slots: { articleEnd: PollsSlot, section: PollsSlot, home: PollsSlot },
  routes: { vote },
};

export default pollsMobi;
