import { escapeHtml } from '../format';

/** What a template gives: the subject and both bodies of one mail. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** A mail of the one-stop system: greeting, what happened, the facts, what to do, and the link. */
export interface Letter {
  subject: string;
  /** Who it is addressed to: `Kính gửi: <to>,`. */
  to: string;
  /** One sentence on what happened. */
  lead: string;
  /** Label and value, shown as a table. */
  facts: Array<[string, string]>;
  /** What the recipient should do (may be empty). */
  action: string;
  /** Extra blocks after the facts (e.g. the lists of a digest). */
  sections?: Array<{ title: string; lines: Array<{ text: string; href?: string }> }>;
  link: { label: string; href: string };
}

const FOOTER = 'Thư tự động của hệ thống theo dõi hồ sơ một cửa. Vui lòng không trả lời thư này.';

/** The plain-text and HTML bodies of a letter, written from the same parts. */
export function render(l: Letter): MailContent {
  const width = Math.max(0, ...l.facts.map(([label]) => label.length)) + 2;
  const text = [
    `Kính gửi: ${l.to},`,
    '',
    l.lead,
    '',
    ...l.facts.map(([label, value]) => `  ${`${label}:`.padEnd(width)}${value}`),
    ...(l.sections ?? []).flatMap((s) => [
      '',
      s.title,
      ...(s.lines.length > 0 ? s.lines.map((x) => `  - ${x.text}`) : ['  (không có)']),
    ]),
    ...(l.action ? ['', l.action] : []),
    '',
    `${l.link.label}: ${l.link.href}`,
    '',
    '--',
    FOOTER,
    '',
  ].join('\n');

  const e = escapeHtml;
  const rows = l.facts
    .map(
      ([label, value]) =>
        `<tr><th style="text-align:left;padding:2px 12px 2px 0">${e(label)}</th><td>${e(value)}</td></tr>`,
    )
    .join('');
  const sections = (l.sections ?? [])
    .map((s) => {
      const items =
        s.lines.length > 0
          ? s.lines
              .map((x) => `<li>${x.href ? `<a href="${e(x.href)}">${e(x.text)}</a>` : e(x.text)}</li>`)
              .join('')
          : '<li>(không có)</li>';
      return `<h3>${e(s.title)}</h3><ul>${items}</ul>`;
    })
    .join('');
  const html = [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"></head><body>',
    `<p>Kính gửi: ${e(l.to)},</p>`,
    `<p>${e(l.lead)}</p>`,
    rows ? `<table>${rows}</table>` : '',
    sections,
    l.action ? `<p>${e(l.action)}</p>` : '',
    `<p><a href="${e(l.link.href)}">${e(l.link.label)}</a></p>`,
    `<hr><p style="color:#666;font-size:small">${e(FOOTER)}</p>`,
    '</body></html>',
  ].join('');
  return { subject: l.subject, text, html };
}
