import { pickerFields } from '../references';

describe('picker fields', () => {
  it('finds the fields that store an article or section slug, and what they point at', () => {
    const model = {
      attributes: {
        slug: { type: 'string' },
        article: { type: 'string', customField: 'global::article-picker' },
        section: { type: 'string', customField: 'global::section-picker' },
        sites: { type: 'json', customField: 'global::site-picker' },
      },
    };
    expect(pickerFields(model)).toEqual([
      { field: 'article', target: 'api::article.article' },
      { field: 'section', target: 'api::section.section' },
    ]);
  });

  it('finds none in a model without attributes', () => {
    expect(pickerFields(undefined)).toEqual([]);
    expect(pickerFields({ attributes: null })).toEqual([]);
  });
});
