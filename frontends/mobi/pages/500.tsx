// Next's own 500 page (reached only outside the site pages, e.g. under /api): static,
// no JavaScript. Site pages render their own themed 500 in the site's language.
export const config: { unstable_runtimeJS: false } = { unstable_runtimeJS: false };

export default function Status500() {
  return (
    <main>
      <h1>{'Something went wrong'}</h1>
      <p>{'Please try again in a moment.'}</p>
      <p>
        <a href="/">Home</a>
      </p>
    </main>
  );
}
