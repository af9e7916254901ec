// Both file stores pass one contract: the disk store on a temp directory, and the S3 store against a
// real S3-compatible server (s3rver) started here, not a mock.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiskFileStore, S3FileStore, type FileStore } from './store';

const keyOf = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function contract(name: string, make: () => FileStore) {
  describe(`${name} store contract`, () => {
    it('stores, reads back identical bytes, and reports presence', async () => {
      const store = make();
      const bytes = new Uint8Array(300_000).map((_, i) => (i * 31) % 256);
      const key = keyOf(bytes);
      expect(await store.has(key)).toBe(false);
      expect(await store.get(key)).toBeNull();
      await store.put(key, bytes);
      expect(await store.has(key)).toBe(true);
      expect(Buffer.from((await store.get(key))!).equals(Buffer.from(bytes))).toBe(true);
    });
    it('put is idempotent and delete of a missing key is not an error', async () => {
      const store = make();
      const bytes = Buffer.from(`same content ${name}`);
      const key = keyOf(bytes);
      await store.put(key, bytes);
      await store.put(key, bytes);
      expect(Buffer.from((await store.get(key))!).toString()).toBe(`same content ${name}`);
      await store.delete(key);
      await store.delete(key);
      expect(await store.has(key)).toBe(false);
      expect(await store.get(key)).toBeNull();
    });
    it('refuses keys that are not a digest (no traversal through a key)', async () => {
      const store = make();
      for (const bad of ['../../etc/passwd', 'a'.repeat(63), `${'a'.repeat(64)}/x`, 'A'.repeat(64)]) {
        await expect(store.put(bad, Buffer.from('x'))).rejects.toThrow('invalid file key');
        await expect(store.get(bad)).rejects.toThrow('invalid file key');
      }
    });
  });
}

let diskDir: string;
let s3Dir: string;
let s3: S3rver;
let s3Url = '';
const s3Stores: S3FileStore[] = [];

beforeAll(async () => {
  diskDir = await mkdtemp(path.join(os.tmpdir(), 'files-disk-'));
  s3Dir = await mkdtemp(path.join(os.tmpdir(), 'files-s3-'));
  s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: s3Dir, configureBuckets: [{ name: 'chat-files', configs: [] }] });
  const { port } = await s3.run();
  s3Url = `http://127.0.0.1:${port}`;
});
afterAll(async () => {
  for (const s of s3Stores) s.destroy();
  await s3?.close();
  await rm(diskDir, { recursive: true, force: true });
  await rm(s3Dir, { recursive: true, force: true });
});

contract('disk', () => new DiskFileStore(diskDir));
contract('s3', () => {
  const s = new S3FileStore({ endpoint: s3Url, bucket: 'chat-files', region: 'us-east-1', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true });
  s3Stores.push(s);
  return s;
});

describe('disk store specifics', () => {
  it('content-addressed under ab/cd/<sha256>, with no temporary file left behind', async () => {
    const store = new DiskFileStore(diskDir);
    const bytes = Buffer.from('layout check');
    const key = keyOf(bytes);
    await store.put(key, bytes);
    expect(await readdir(path.join(diskDir, key.slice(0, 2), key.slice(2, 4)))).toEqual([key]);
  });
});
