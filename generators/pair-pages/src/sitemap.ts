/** sitemap.xml (split past 50,000 URLs, with a sitemap index) and robots.txt. */

/** The sitemaps protocol's limit of URLs per file. */
export const SITEMAP_LIMIT = 50_000;

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function urlset(urls: string[]): string {
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
  ];
  for (const url of urls) lines.push(`<url><loc>${escapeXml(url)}</loc></url>`);
  lines.push('</urlset>', '');
  return lines.join('\n');
}

/**
 * The sitemap files: `sitemap.xml` alone when the URLs fit in one file, else `sitemap-1.xml`,
 * `sitemap-2.xml`, … and `sitemap.xml` as their index. `urls` are absolute.
 */
export function sitemapFiles(
  baseUrl: string,
  urls: string[],
  limit = SITEMAP_LIMIT,
): Array<{ file: string; content: string }> {
  if (urls.length <= limit) return [{ file: 'sitemap.xml', content: urlset(urls) }];
  const parts: Array<{ file: string; content: string }> = [];
  for (let i = 0; i * limit < urls.length; i++)
    parts.push({ file: `sitemap-${i + 1}.xml`, content: urlset(urls.slice(i * limit, (i + 1) * limit)) });
  const index = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
  ];
  for (const p of parts) index.push(`<sitemap><loc>${escapeXml(`${baseUrl}/${p.file}`)}</loc></sitemap>`);
  index.push('</sitemapindex>', '');
  return [{ file: 'sitemap.xml', content: index.join('\n') }, ...parts];
}

/** robots.txt allowing everything and pointing at the sitemap. */
export function robotsTxt(baseUrl: string): string {
  return `User-agent: *\nAllow: /\n\nSitemap: ${baseUrl}/sitemap.xml\n`;
}
