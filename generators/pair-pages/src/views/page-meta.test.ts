import { describe, expect, it } from 'vitest';
import { faqPage, pageMeta, softwareApplication } from './page-meta.ts';

const site = { baseUrl: 'https://w.example' };
const awkward = [
  'Plain text',
  'A </script><script>alert(1)</script> tag',
  'Say "hi"',
  'Back\\slash',
  'tab\tand\nnew line',
  'Emoji 😀, lone \ud800 surrogate, → arrows',
  '\u2028 and \u007f',
];

describe('pageMeta JSON-LD', () => {
  it('is JSON that reads back every text as given, and that no text can close its script element', () => {
    const faq = awkward.map((text) => ({ question: text, answer: `${text}!` }));
    const meta = pageMeta(site, {
      url: '/integrations/x/',
      title: 't',
      description: awkward[1],
      crumbs: awkward.map((name, i) => ({ name, url: `/integrations/${i}/` })),
      graph: [
        faqPage(faq),
        softwareApplication(site, { name: awkward[3], description: awkward[2], url: '/integrations/x/' }),
      ],
    });
    expect(meta.jsonLd).not.toMatch(/<\/script/i);
    expect(meta.jsonLd).not.toContain('<');
    const graph = JSON.parse(meta.jsonLd)['@graph'];
    expect(graph[0].itemListElement.map((c: { name: string }) => c.name)).toEqual(awkward);
    expect(graph[1].mainEntity.map((q: { acceptedAnswer: { text: string } }) => q.acceptedAnswer.text)).toEqual(
      awkward.map((t) => `${t}!`),
    );
    expect(graph[2]).toMatchObject({
      name: awkward[3],
      description: awkward[2],
      url: 'https://w.example/integrations/x/',
    });
  });
});
