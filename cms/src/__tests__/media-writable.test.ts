import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isUploadRequest, notWritableMessage, writeProblem } from '../middlewares/media-writable';

describe('media folder check', () => {
  it('finds a writable folder writable and leaves nothing behind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baobab-media-'));
    try {
      expect(await writeProblem(dir)).toBeNull();
      expect(fs.readdirSync(dir)).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the error code when the test write fails', async () => {
    expect(await writeProblem(path.join(os.tmpdir(), 'baobab-no-such-folder', 'uploads'))).toBe('a test write failed (ENOENT)');
  });

  it('says what to do in the message', () => {
    expect(notWritableMessage('/data/public/uploads', 'its file system is read-only (EROFS)')).toMatch(/^The media folder \/data\/public\/uploads is not writable: its file system is read-only \(EROFS\)\. Uploads are refused until it is;.*Make the disk or volume mounted there writable/);
  });

  it("checks only what writes files: the REST upload and the admin Media Library's uploads, POST only", () => {
    expect(isUploadRequest('POST', '/api/upload')).toBe(true);
    expect(isUploadRequest('POST', '/upload')).toBe(true);
    expect(isUploadRequest('POST', '/upload/files')).toBe(true);
    expect(isUploadRequest('POST', '/upload/files/12/replace')).toBe(true);
    expect(isUploadRequest('POST', '/upload/actions/upload-from-urls')).toBe(true);
    expect(isUploadRequest('GET', '/upload/files')).toBe(false);
    expect(isUploadRequest('POST', '/upload/folders')).toBe(false);
    expect(isUploadRequest('GET', '/api/upload/files')).toBe(false);
    expect(isUploadRequest('POST', '/upload/actions/bulk-move')).toBe(false);
    expect(isUploadRequest('POST', '/api/articles')).toBe(false);
  });
});
