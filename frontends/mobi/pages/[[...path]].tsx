// Every page of every site: one route, decided in src/site-page.tsx.
import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import { loadPage, SITE_HEADER, type PageProps } from '../src/site-page';
import { styleElementText } from '../src/style-text';
import { SitePage, Unavailable, UnknownHost } from '../src/views';

// Zero client JavaScript. Next 16 removed the type from PageConfig, so it is declared here.
export const config: { unstable_runtimeJS: false } = { unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps<PageProps> = async ({ req, res, params, query }) => {
  const path = params?.path;
  const segments = Array.isArray(path) ? path : typeof path === 'string' ? [path] : [];
  const { props, statusCode } = await loadPage(req, segments, query);
  res.statusCode = statusCode;
  if (props.status === 'site') res.setHeader(SITE_HEADER, props.frame.code);
  return { props };
};

export default function Page(props: PageProps) {
  if (props.status === 'unknown-host') return <UnknownHost {...props} />;
  if (props.status === 'unavailable') return <Unavailable {...props} />;
  return (
    <>
      <Head>
        <title>{props.frame.name}</title>
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <style dangerouslySetInnerHTML={{ __html: styleElementText(props.css) }} />
        {props.alternates.map((alternate) => (
          <link key={alternate.locale} rel="alternate" hrefLang={alternate.locale} href={alternate.href} />
        ))}
      </Head>
      <SitePage {...props} />
    </>
  );
}
