// Next's own error page for statuses other than 404 and 500 (e.g. a request Next itself
// refuses): static, no JavaScript, like 404.tsx and 500.tsx. Site pages render their own.
import type { NextPageContext } from 'next';

export const config: { unstable_runtimeJS: false } = { unstable_runtimeJS: false };

interface Props {
  readonly statusCode: number;
}

export default function ErrorPage({ statusCode }: Props) {
  return (
    <main>
      <h1>{statusCode >= 500 ? 'Something went wrong' : 'That link does not work'}</h1>
      <p>{statusCode >= 500 ? 'Please try again in a moment.' : 'Try the home page.'}</p>
      <p>
        <a href="/">Home</a>
      </p>
    </main>
  );
}

ErrorPage.getInitialProps = ({ res, err }: NextPageContext): Props => ({ statusCode: res?.statusCode ?? err?.statusCode ?? 500 });
