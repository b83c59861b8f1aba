/** The files of a site as the build plans them: small records (no closures), since there are ~90,000 of them. */

/** What a planned file is; `i`/`j` index apps (in catalog order), steps or sitemap parts. */
export const FileKind = { Css: 0, Catalog: 1, App: 2, Trigger: 3, Action: 4, Pair: 5, Sitemap: 6, Robots: 7 } as const;
export type FileKind = (typeof FileKind)[keyof typeof FileKind];

/** A page or file to render: its URL path (`/integrations/stripe/`), what it is, and its indices. */
export interface FileRef {
  path: string;
  kind: FileKind;
  i: number;
  j: number;
}

/** One output file with the hash of its inputs. `path` is also its key in the build state. */
export interface PlannedFile extends FileRef {
  hash: string;
}

/** Whether a file is an HTML page (rendered from a template) rather than the stylesheet, a sitemap or robots.txt. */
export const isPage = (kind: FileKind): boolean => kind >= FileKind.Catalog && kind <= FileKind.Pair;

/** The file under outDir that serves a URL path. */
export const fileOfPath = (path: string): string => (path.endsWith('/') ? `${path.slice(1)}index.html` : path.slice(1));
