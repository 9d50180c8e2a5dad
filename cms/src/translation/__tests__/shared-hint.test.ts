import { SHARED_HINT, withSharedHint } from '../shared-hint';

describe('withSharedHint', () => {
  it('adds the shared-field sentence after the help text, once', () => {
    const once = withSharedHint('Shown with the article on the web.');
    expect(once).toBe(`Shown with the article on the web. ${SHARED_HINT}`);
    expect(withSharedHint(once)).toBe(once);
    expect(withSharedHint(undefined)).toBe(SHARED_HINT);
  });
});
