// Article blocks (Strapi's Blocks JSON) → semantic HTML. Text goes through React, so it
// is escaped; links keep only safe targets; unknown node types render nothing.
import { isSafeUrl } from '@baobab/kit';
import type { ReactNode } from 'react';

type Node = Record<string, unknown>;
const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && !Array.isArray(value);
const children = (node: Node): unknown[] => (Array.isArray(node.children) ? node.children : []);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

function inline(node: unknown, key: number): ReactNode {
  if (!isNode(node)) return null;
  if (node.type === 'link') {
    const url = text(node.url);
    const content = children(node).map(inline);
    return isSafeUrl(url) && url !== '' ? (
      <a key={key} href={url}>
        {content}
      </a>
    ) : (
      <span key={key}>{content}</span>
    );
  }
  if (node.type !== 'text') return null;
  let out: ReactNode = text(node.text);
  if (node.code === true) out = <code>{out}</code>;
  if (node.bold === true) out = <strong>{out}</strong>;
  if (node.italic === true) out = <em>{out}</em>;
  if (node.underline === true) out = <u>{out}</u>;
  if (node.strikethrough === true) out = <s>{out}</s>;
  return <span key={key}>{out}</span>;
}

function block(node: unknown, key: number): ReactNode {
  if (!isNode(node)) return null;
  const content = children(node).map(inline);
  switch (node.type) {
    case 'paragraph':
      return <p key={key}>{content}</p>;
    case 'heading': {
      // Articles own the page's h1, so body headings start at h2.
      const level = Math.min(6, Math.max(2, typeof node.level === 'number' ? node.level : 2));
      const Tag = `h${level}` as 'h2';
      return <Tag key={key}>{content}</Tag>;
    }
    case 'quote':
      return <blockquote key={key}>{content}</blockquote>;
    case 'code':
      return (
        <pre key={key}>
          <code>{children(node).map((child) => (isNode(child) ? text(child.text) : '')).join('')}</code>
        </pre>
      );
    case 'list': {
      const items = children(node).map((item, index) => (isNode(item) ? <li key={index}>{children(item).map(inline)}</li> : null));
      return node.format === 'ordered' ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
    }
    default:
      return null;
  }
}

export function Blocks({ blocks }: { blocks: readonly unknown[] }) {
  return <>{blocks.map(block)}</>;
}
