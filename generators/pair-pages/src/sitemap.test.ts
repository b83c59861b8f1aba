import { describe, expect, it } from 'vitest';
import { robotsTxt, sitemapFiles } from './sitemap.ts';

const urls = (n: number) => Array.from({ length: n }, (_, i) => `https://w.example/integrations/app-${i}/`);

describe('sitemapFiles', () => {
  it('writes one urlset while the URLs fit in one file', () => {
    const files = sitemapFiles('https://w.example', urls(3), 3);
    expect(files.map((f) => f.file)).toEqual(['sitemap.xml']);
    expect(files[0].content.match(/<loc>/g)).toHaveLength(3);
  });

  it('splits past the limit into sitemap-N.xml files and makes sitemap.xml their index', () => {
    const files = sitemapFiles('https://w.example', urls(7), 3);
    expect(files.map((f) => f.file)).toEqual(['sitemap.xml', 'sitemap-1.xml', 'sitemap-2.xml', 'sitemap-3.xml']);
    expect(files[0].content).toContain('<sitemapindex');
    expect([...files[0].content.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1])).toEqual(
      [1, 2, 3].map((i) => `https://w.example/sitemap-${i}.xml`),
    );
    expect(files.slice(1).map((f) => f.content.match(/<loc>/g)!.length)).toEqual([3, 3, 1]);
  });

  it('escapes XML in URLs and points robots.txt at the sitemap', () => {
    expect(sitemapFiles('https://w.example', ['https://w.example/?a=1&b=2'])[0].content).toContain('?a=1&amp;b=2');
    expect(robotsTxt('https://w.example')).toContain('Sitemap: https://w.example/sitemap.xml');
  });
});
