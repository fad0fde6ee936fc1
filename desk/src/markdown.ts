import { marked } from 'marked';

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Raw HTML in an article is shown as text, and only http(s) and relative links are kept: the preview
// renders what the bot will link players to, never script.
marked.use({
  renderer: {
    html: ({ text }) => escape(text),
    link({ href, text }) {
      const safe = /^(https?:|\/|#)/i.test(href) ? href : '#';
      return `<a href="${escape(safe)}" rel="noopener noreferrer">${escape(text)}</a>`;
    },
    image: ({ text }) => escape(text),
  },
});

export const renderMarkdown = (source: string): string => marked.parse(source, { async: false }) as string;
