// <html lang dir> from the served locale; no Next scripts (pages opt out of runtime JS).
import { Head, Html, Main, NextScript, type DocumentProps } from 'next/document';

const pick = (props: DocumentProps, key: 'lang' | 'dir', fallback: string): string => {
  const value: unknown = props.__NEXT_DATA__.props?.pageProps?.[key];
  return typeof value === 'string' ? value : fallback;
};

export default function Document(props: DocumentProps) {
  return (
    <Html lang={pick(props, 'lang', 'en')} dir={pick(props, 'dir', 'ltr')}>
      <Head />
      <body>
        <Main />
        <NextScript />
      </body>
    </Html>
  );
}
