// The editors' preview of a draft: the article as one carrying site renders it (links to
// the others), then its WhatsApp, SMS, USSD and Telegram renderings with their sizes.
// Zero client JavaScript, noindex, never cached (server/http.ts).
import type { PreviewMessage } from '@baobab/channels/preview';
import type { GetServerSideProps } from 'next';
import Head from 'next/head';
import { loadPreview, type PreviewProps } from '../../src/preview';
import { PREVIEW_PATH } from '../../src/preview-path';
import { styleElementText } from '../../src/style-text';
import { SitePage } from '../../src/views';

export const config: { unstable_runtimeJS: false } = { unstable_runtimeJS: false };

export const getServerSideProps: GetServerSideProps<PreviewProps> = async ({ req, res, query }) => {
  const { props, statusCode } = await loadPreview(req, query);
  res.statusCode = statusCode;
  return { props };
};

// The preview's own furniture, apart from the theme: a plain bar and channel panels.
const PREVIEW_CSS = `.baobab-preview{font:15px/1.4 system-ui,sans-serif;background:#fffbe6;color:#222;border:2px solid #c90;padding:.6em .8em;margin:0 0 1em}
.baobab-preview a{color:#05c}.baobab-preview ul{display:flex;flex-wrap:wrap;gap:.4em 1em;list-style:none;padding:0;margin:.4em 0 0}
.baobab-channels{font:15px/1.4 system-ui,sans-serif;color:#222;background:#f6f6f6;border-top:2px solid #c90;padding:.8em;margin-top:1.5em}
.baobab-channels pre{white-space:pre-wrap;word-break:break-word;background:#fff;border:1px solid #ccc;padding:.5em;margin:.3em 0;font:14px/1.35 ui-monospace,monospace}
.baobab-channels ol{padding-left:1.4em}.baobab-channels small{color:#555}`;

const messageSize = (message: PreviewMessage) =>
  [
    `${message.characters} characters`,
    message.limit !== undefined ? `of ${message.limit}` : null,
    message.smsParts !== undefined ? `${message.smsParts} SMS ${message.smsParts === 1 ? 'part' : 'parts'}` : null,
    message.encoding ?? null,
  ]
    .filter(Boolean)
    .join(', ');

export default function Preview(props: PreviewProps) {
  if (props.status === 'problem') {
    return (
      <>
        <Head>
          <title>{props.heading}</title>
          <meta name="robots" content="noindex" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <style dangerouslySetInnerHTML={{ __html: PREVIEW_CSS }} />
        </Head>
        <main className="baobab-preview">
          <h1>{props.heading}</h1>
          <p>{props.message}</p>
        </main>
      </>
    );
  }
  return (
    <>
      <Head>
        <title>{`Preview: ${props.title}`}</title>
        <meta name="robots" content="noindex" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <style dangerouslySetInnerHTML={{ __html: styleElementText(props.page.css) }} />
        <style dangerouslySetInnerHTML={{ __html: PREVIEW_CSS }} />
      </Head>
      <aside className="baobab-preview" aria-label="Preview">
        <strong>Draft preview</strong>, not public. The link works for 30 minutes.
        <ul>
          {props.sites.map((site) =>
            site.isCurrent ? (
              <li key={site.code} aria-current="page">
                <strong>{`${site.name} (${site.code}, ${site.locale})`}</strong>
              </li>
            ) : (
              <li key={site.code}>
                <a href={`${PREVIEW_PATH}?token=${encodeURIComponent(props.token)}&site=${encodeURIComponent(site.code)}`}>{`${site.name} (${site.code}, ${site.locale})`}</a>
              </li>
            ),
          )}
        </ul>
      </aside>
      <SitePage {...props.page} />
      <section className="baobab-channels" aria-label="Chat channels" lang={props.lang}>
        <h2>On chat channels</h2>
        {props.channels.map((channel) => (
          <section key={channel.channel} data-channel={channel.channel}>
            <h3>{`${channel.name}: ${channel.summary}${channel.isOverride ? ' (editor’s text for this channel)' : ''}`}</h3>
            <ol>
              {channel.messages.map((message, index) => (
                <li key={index}>
                  <pre>{message.text}</pre>
                  <small>{messageSize(message)}</small>
                </li>
              ))}
            </ol>
          </section>
        ))}
      </section>
    </>
  );
}
