// Next's own 404 page (reached only outside the site pages, e.g. under /api): static,
// no JavaScript. Site pages render their own themed 404 in the site's language.
export const config: { unstable_runtimeJS: false } = { unstable_runtimeJS: false };

export default function Status404() {
  return (
    <main>
      <h1>{'Page not found'}</h1>
      <p>{'Try the home page.'}</p>
      <p>
        <a href="/">Home</a>
      </p>
    </main>
  );
}
