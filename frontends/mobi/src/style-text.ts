// CSS as the text of a `<style>` element. Its own module, free of the registry, because the
// page components import it and Next compiles their module graph for the browser as well.

/**
 * CSS as the text of a `<style>` element. Whatever a theme or its tokens produce, no `<`
 * reaches the page (so no `</style>`, no `<!--`): each becomes the CSS escape `\3c `,
 * which means the same character to CSS and nothing to HTML.
 */
export function styleElementText(css: string): string {
  return css.replace(/</g, '\\3c ');
}
