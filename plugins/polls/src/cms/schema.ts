// The poll content type and its choice component: what editors fill in, field by field.
import type { ContentTypeSchema } from '@baobab/plugin-api';
import { MAX_CHOICES, MAX_LABEL, MAX_QUESTION, MIN_CHOICES, placements, resultModes } from '../shared';

export const POLL_UID = 'plugin::polls.poll';
export const CHOICE_COMPONENT = 'polls.choice';
const SLUG = '^[a-z0-9]+(-[a-z0-9]+)*$';

const localized = { i18n: { localized: true } };
const shared = { i18n: { localized: false } };

/** One choice: a key shared by every translation (what votes count) and the label in this language. */
export const choiceComponent = {
  collectionName: 'components_polls_choices',
  info: { displayName: 'Choice', icon: 'bulletList', description: 'One answer readers can pick.' },
  options: {},
  attributes: {
    key: { type: 'string', required: true, maxLength: 40, regex: SLUG },
    label: { type: 'string', required: true, maxLength: MAX_LABEL },
  },
  config: {
    metadatas: {
      key: { edit: { label: 'Key', description: 'Short, the same in every language, like "yes" (what votes count).' } },
      label: { edit: { label: 'Answer', description: `What readers see, in this language (at most ${MAX_LABEL} characters).` } },
    },
  },
};

/** Registers the choice component the way Strapi loads an app's `src/components/polls/choice.json`. */
export function componentEntry(): Record<string, unknown> {
  const schema = structuredClone(choiceComponent);
  return { ...structuredClone(choiceComponent), __schema__: schema, uid: CHOICE_COMPONENT, category: 'polls', modelType: 'component', modelName: 'choice', globalId: 'ComponentPollsChoice' };
}

export const pollSchema: ContentTypeSchema = {
  kind: 'collectionType',
  collectionName: 'polls_polls',
  info: { singularName: 'poll', pluralName: 'polls', displayName: 'Poll', description: 'A question readers answer by picking from 2–10 choices; one vote per reader.' },
  options: { draftAndPublish: true },
  pluginOptions: { ...localized, 'content-manager': { visible: true }, 'content-type-builder': { visible: false } },
  attributes: {
    slug: { type: 'string', required: true, maxLength: 100, regex: SLUG, pluginOptions: shared },
    question: { type: 'string', required: true, maxLength: MAX_QUESTION, pluginOptions: localized },
    choices: { type: 'component', repeatable: true, component: CHOICE_COMPONENT, min: MIN_CHOICES, max: MAX_CHOICES, pluginOptions: localized },
    isMultiple: { type: 'boolean', default: false, pluginOptions: shared },
    maxChoices: { type: 'integer', min: 1, max: MAX_CHOICES, pluginOptions: shared },
    results: { type: 'enumeration', enum: [...resultModes], default: 'percent', required: true, pluginOptions: shared },
    shuffle: { type: 'boolean', default: false, pluginOptions: shared },
    opensAt: { type: 'datetime', pluginOptions: shared },
    closesAt: { type: 'datetime', pluginOptions: shared },
    placement: { type: 'enumeration', enum: [...placements], default: 'article', required: true, pluginOptions: shared },
    article: { type: 'customField', customField: 'global::article-picker', maxLength: 100, regex: SLUG, pluginOptions: shared },
    section: { type: 'customField', customField: 'global::section-picker', maxLength: 80, regex: SLUG, pluginOptions: shared },
    allSites: { type: 'boolean', default: false, pluginOptions: shared },
    sites: { type: 'customField', customField: 'global::site-picker', pluginOptions: shared },
  },
  config: {
    // Editors find a poll by its question: it names the poll in the list and the edit view;
    // the list shows where it is placed beside it (Strapi adds the status and languages).
    // The content manager wants every setting when a schema gives any (these are its defaults).
    settings: { bulkable: true, filterable: true, searchable: true, pageSize: 10, mainField: 'question', defaultSortBy: 'question', defaultSortOrder: 'ASC' },
    layouts: { list: ['question', 'placement'] },
    metadatas: Object.fromEntries(
      Object.entries({
        slug: ['Web address name', 'Shared by every language, like "know-your-status".'],
        question: ['Question', `What readers answer, in this language (at most ${MAX_QUESTION} characters).`],
        choices: ['Choices', `${MIN_CHOICES} to ${MAX_CHOICES} answers. Each has a key, the same in every language (what votes count), and the label readers see in this language.`],
        isMultiple: ['Several answers', 'Tick to let readers pick more than one answer.'],
        maxChoices: ['At most this many answers', 'Optional, for several answers only.'],
        results: ['Results', 'What readers see: percent, vote totals, or nothing (hidden).'],
        shuffle: ['Random order', 'Tick to show the answers in a different order to each reader.'],
        opensAt: ['Opens at', 'Optional. Readers can vote from this time on. Type it in your own time zone; it is saved in UTC.'],
        closesAt: ['Closes at', 'Optional. Voting ends at this time; results stay visible.'],
        placement: ['Shown', 'After an article, on a section page, or on the home page.'],
        article: ['Article', 'For "article": the article this poll follows. Search by title and pick it; its web address name is stored.'],
        section: ['Section', 'For "section": the section page this poll shows on.'],
        allSites: ['Every site', 'Tick to show this on every country site that has polls; otherwise pick the sites below.'],
        sites: ['Sites', 'The country sites that carry this, when "Every site" is not ticked.'],
      }).map(([field, [label, description]]) => [field, { edit: { label, description } }]),
    ),
  },
};
