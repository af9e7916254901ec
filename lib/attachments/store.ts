import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * Where attachment bytes live, behind one small interface. Keys are SHA-256 hex digests of the
 * content (content-addressed: equal files are stored once). `put` resolves only once the bytes
 * are durable (the caller commits the message after it); it is idempotent. `delete` of a missing
 * key is not an error.
 */
export interface FileStore {
  readonly kind: 'disk' | 's3';
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  has(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
}

const KEY = /^[a-f0-9]{64}$/;
function checkKey(key: string): string {
  // Keys become paths and object names: only a digest, never anything a caller typed.
  if (!KEY.test(key)) throw new Error('invalid file key');
  return key;
}

/**
 * Files on local disk, for ONE machine: <dir>/ab/cd/<sha256>. Written to a temporary file in the
 * same directory, fsync'd, renamed into place (atomic: a reader sees the whole file or none), and
 * the directory fsync'd so the rename itself survives a crash.
 */
export class DiskFileStore implements FileStore {
  readonly kind = 'disk' as const;
  constructor(private readonly dir: string) {}

  private pathOf(key: string) {
    checkKey(key);
    return path.join(this.dir, key.slice(0, 2), key.slice(2, 4), key);
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    const final = this.pathOf(key);
    const folder = path.dirname(final);
    await mkdir(folder, { recursive: true });
    const tmp = path.join(folder, `.tmp-${randomBytes(8).toString('hex')}`);
    const fh = await open(tmp, 'w', 0o600);
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await rename(tmp, final);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
    const dh = await open(folder, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      return await readFile(this.pathOf(key));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(key))).isFile();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}

export interface S3Options {
  endpoint?: string;
  bucket: string;
  region: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

/** An S3-compatible bucket, shared by every app instance. PutObject is atomic and durable on success. */
export class S3FileStore implements FileStore {
  readonly kind = 's3' as const;
  private readonly client: S3Client;
  constructor(private readonly opts: S3Options) {
    const config: S3ClientConfig = { region: opts.region, forcePathStyle: opts.forcePathStyle };
    if (opts.endpoint) config.endpoint = opts.endpoint;
    if (opts.accessKeyId && opts.secretAccessKey) config.credentials = { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey };
    this.client = new S3Client(config);
  }

  private name(key: string) {
    return `files/${checkKey(key)}`;
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.opts.bucket, Key: this.name(key), Body: bytes, ContentType: 'application/octet-stream', ContentLength: bytes.byteLength }));
  }

  async get(key: string): Promise<Uint8Array | null> {
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.name(key) }));
      return out.Body ? await out.Body.transformToByteArray() : new Uint8Array();
    } catch (e) {
      if (notFound(e)) return null;
      throw e;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.opts.bucket, Key: this.name(key) }));
      return true;
    } catch (e) {
      if (notFound(e)) return false;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.opts.bucket, Key: this.name(key) }));
  }

  destroy() {
    this.client.destroy();
  }
}

function notFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err.name === 'NoSuchKey' || err.name === 'NotFound' || err.$metadata?.httpStatusCode === 404;
}
