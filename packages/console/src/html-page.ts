import type { ConsoleSession } from '@breachless/db';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';

/** A rendered fragment: `html` escapes every value put in it, so user data never runs. */
export type Fragment = HtmlEscapedString | Promise<HtmlEscapedString>;

const NAV = [
  ['at-risk', 'At risk'],
  ['compliance', 'Compliance'],
  ['policy', 'Policy'],
  ['subscriptions', 'Subscriptions'],
] as const;

/**
 * A whole console page: one stylesheet and one script, both from our own origin (no CDN), a
 * skip link and landmarks for keyboard and screen-reader users, the CSRF token every write
 * carries.
 */
export function page(
  title: string,
  session: ConsoleSession | undefined,
  body: Fragment,
  current?: string,
): Fragment {
  const base = session ? `/t/${encodeURIComponent(session.tenant)}` : '';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${session ? html`<meta name="csrf-token" content="${session.csrf}">` : ''}
<title>${title} · Breachless</title>
<link rel="stylesheet" href="/assets/console.css">
<script src="/assets/console.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
<span class="brand">Breachless</span>
${
  session
    ? html`<nav aria-label="Console">${NAV.map(
        ([path, label]) =>
          html`<a href="${base}/${path}"${current === path ? html` aria-current="page"` : ''}>${label}</a>`,
      )}</nav>
<span class="who">${session.user} (${session.role}) · ${session.tenant}</span>
<form method="post" action="/sign-out" class="inline"><input type="hidden" name="_csrf" value="${session.csrf}"><button>Sign out</button></form>`
    : ''
}
</header>
<main id="main">
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

/** A hidden CSRF field for a form of this session. */
export const csrfField = (session: ConsoleSession) =>
  html`<input type="hidden" name="_csrf" value="${session.csrf}">`;
