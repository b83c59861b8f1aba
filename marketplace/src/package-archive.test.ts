import { describe, expect, it } from 'vitest';
import { checkArchive, unsafePathReason } from './package-archive.ts';
import { rawTarball } from './testing/tarball.ts';

describe('package archive checks', () => {
  it('accepts paths under package/ and refuses absolute, climbing and foreign ones', () => {
    expect(unsafePathReason('package/index.js')).toBeNull();
    expect(unsafePathReason('/etc/passwd')).toMatch(/absolute/);
    expect(unsafePathReason('package/../../x')).toMatch(/climbs out/);
    expect(unsafePathReason('package\\..\\x')).toMatch(/climbs out/);
    expect(unsafePathReason('other/index.js')).toMatch(/under "package\/"/);
  });

  it('refuses links, hard links included, and bytes that are not an archive', async () => {
    await expect(
      checkArchive('x@1', rawTarball([{ path: 'package/a', type: '2', linkTarget: '/etc' }])),
    ).rejects.toMatchObject({ code: 'UNSAFE_ARCHIVE' });
    await expect(checkArchive('x@1', Buffer.from('not a tarball'))).rejects.toMatchObject({
      code: 'UNSAFE_ARCHIVE',
      message: expect.stringContaining('not a readable'),
    });
    await expect(
      checkArchive('x@1', rawTarball([{ path: 'package/index.js', content: 'ok' }])),
    ).resolves.toBeUndefined();
  });
});
