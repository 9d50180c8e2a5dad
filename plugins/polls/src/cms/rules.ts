// The write rule for a poll: what Strapi's schema cannot say (unique choice keys, maxChoices
// only for multiple choice, where a placement points, an open window that ends after it starts).
import type { FieldProblem, RuleRefs } from '@baobab/plugin-api';
import { isSlug } from '@baobab/kit';
import { z } from 'zod';
import { MAX_CHOICES, MAX_LABEL, MAX_QUESTION, MIN_CHOICES } from '../shared';

const choicesSchema = z.array(z.object({ key: z.unknown(), label: z.unknown() }).passthrough());
const instant = (value: unknown): number | null => {
  if (value === null || value === undefined || value === '') return null;
  const time = value instanceof Date ? value.getTime() : typeof value === 'string' || typeof value === 'number' ? new Date(value).getTime() : Number.NaN;
  return Number.isNaN(time) ? Number.NaN : time;
};
const isBlank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

const noneMissing: RuleRefs = { missing: new Set() };

/**
 * Field-level problems of a poll write (the stored document merged with the write); empty
 * when it may be saved. `refs.missing` names the picked article or section that does not
 * exist (the CMS looks them up), which matters only where the placement uses it.
 */
export function pollProblems(data: Readonly<Record<string, unknown>>, refs: RuleRefs = noneMissing): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { slug, question, isMultiple, maxChoices, placement, article, section, allSites, sites } = data;

  if (typeof slug !== 'string' || !isSlug(slug)) problems.push({ path: 'slug', message: 'Use lowercase letters, digits and single hyphens, like "know-your-status".' });
  if (typeof question !== 'string' || question.trim() === '') problems.push({ path: 'question', message: 'Write the question readers answer.' });
  else if (question.length > MAX_QUESTION) problems.push({ path: 'question', message: `Keep the question to ${MAX_QUESTION} characters (it has ${question.length}).` });

  const parsed = choicesSchema.safeParse(data.choices ?? []);
  const choices = parsed.success ? parsed.data : [];
  if (!parsed.success) problems.push({ path: 'choices', message: 'Choices must be a list of answers, each with a key and a label.' });
  else if (choices.length < MIN_CHOICES || choices.length > MAX_CHOICES) {
    problems.push({ path: 'choices', message: `Give ${MIN_CHOICES} to ${MAX_CHOICES} choices (there are ${choices.length}).` });
  }
  const seen = new Map<string, number>();
  choices.forEach((choice, index) => {
    if (typeof choice.key !== 'string' || !isSlug(choice.key) || choice.key.length > 40) {
      problems.push({ path: `choices.${index}.key`, message: 'Give each choice a short key of lowercase letters, digits and hyphens, like "yes"; it is the same in every language.' });
    } else if (seen.has(choice.key)) {
      problems.push({ path: `choices.${index}.key`, message: `Choice ${(seen.get(choice.key) ?? 0) + 1} already uses the key "${choice.key}"; keys must differ.` });
    } else seen.set(choice.key, index);
    if (typeof choice.label !== 'string' || choice.label.trim() === '') problems.push({ path: `choices.${index}.label`, message: 'Write the answer readers see.' });
    else if (choice.label.length > MAX_LABEL) problems.push({ path: `choices.${index}.label`, message: `Keep an answer to ${MAX_LABEL} characters (it has ${choice.label.length}).` });
  });

  if (!isBlank(maxChoices)) {
    if (isMultiple !== true) problems.push({ path: 'maxChoices', message: 'Only a multiple-choice poll takes a maximum; tick "Several answers" or leave this empty.' });
    else if (typeof maxChoices !== 'number' || !Number.isInteger(maxChoices) || maxChoices < 1) problems.push({ path: 'maxChoices', message: 'The maximum is a whole number, 1 or more.' });
    else if (choices.length > 0 && maxChoices > choices.length) problems.push({ path: 'maxChoices', message: `The maximum cannot be more than the ${choices.length} choices.` });
  }

  const opensAt = instant(data.opensAt);
  const closesAt = instant(data.closesAt);
  if (Number.isNaN(opensAt)) problems.push({ path: 'opensAt', message: 'Not a date and time.' });
  if (Number.isNaN(closesAt)) problems.push({ path: 'closesAt', message: 'Not a date and time.' });
  if (opensAt !== null && closesAt !== null && !Number.isNaN(opensAt) && !Number.isNaN(closesAt) && closesAt <= opensAt) {
    problems.push({ path: 'closesAt', message: 'The poll must close after it opens.' });
  }

  if (placement === 'article' && (typeof article !== 'string' || !isSlug(article))) {
    problems.push({ path: 'article', message: 'Choose the article this poll follows: search for it by title and pick it.' });
  } else if (placement === 'article' && refs.missing.has('article')) {
    problems.push({ path: 'article', message: `No article has the web address name "${String(article)}" (it may have been deleted or renamed): search for the article by title and pick it.` });
  }
  if (placement === 'section' && (typeof section !== 'string' || !isSlug(section))) problems.push({ path: 'section', message: 'Choose the section this poll shows on.' });
  else if (placement === 'section' && refs.missing.has('section')) {
    problems.push({ path: 'section', message: `No section has the web address name "${String(section)}" (it may have been deleted or renamed): choose one from the list.` });
  }

  const siteList = z.array(z.string()).safeParse(sites ?? []);
  if (!siteList.success) problems.push({ path: 'sites', message: 'Sites must be a list of site codes, like ["kijana-ke"].' });
  else if (allSites !== true && siteList.data.length === 0) problems.push({ path: 'sites', message: 'Tick the sites that carry this, or tick "Every site".' });
  return problems;
}
