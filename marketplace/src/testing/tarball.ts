/**
 * Hand-made npm tarballs for the refusal tests: ustar entries written byte by byte, so an entry
 * may carry a path (`package/../../evil.js`) or a type (symlink) that `tar` would never write.
 */
import { gzipSync } from 'node:zlib';

export interface RawEntry {
  path: string;
  content?: string | Buffer;
  /** '0' file (default), '2' symbolic link, '5' directory. */
  type?: '0' | '2' | '5';
  linkTarget?: string;
}

function field(buffer: Buffer, offset: number, length: number, value: string): void {
  buffer.write(value.slice(0, length), offset, length, 'utf8');
}

function octal(n: number, length: number): string {
  return `${n.toString(8).padStart(length - 1, '0')}\0`;
}

function header(entry: RawEntry, size: number): Buffer {
  const h = Buffer.alloc(512);
  field(h, 0, 100, entry.path);
  field(h, 100, 8, octal(entry.type === '5' ? 0o755 : 0o644, 8));
  field(h, 108, 8, octal(0, 8));
  field(h, 116, 8, octal(0, 8));
  field(h, 124, 12, octal(size, 12));
  field(h, 136, 12, octal(499162500, 12));
  field(h, 148, 8, '        ');
  field(h, 156, 1, entry.type ?? '0');
  if (entry.linkTarget) field(h, 157, 100, entry.linkTarget);
  field(h, 257, 6, 'ustar\0');
  field(h, 263, 2, '00');
  let sum = 0;
  for (const byte of h) sum += byte;
  field(h, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  return h;
}

/** A gzipped tar of these entries, in order. */
export function rawTarball(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    const body = entry.type === '0' || !entry.type ? Buffer.from(entry.content ?? '') : Buffer.alloc(0);
    parts.push(header(entry, body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}
