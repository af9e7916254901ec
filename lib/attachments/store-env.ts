import 'server-only';
import path from 'node:path';
import { env } from '@/lib/env';
import { DiskFileStore, S3FileStore, type FileStore } from './store';

let store: FileStore | null = null;

/** The configured store: FILE_STORAGE=s3 (with S3_*) or the disk under FILE_DIR (default .data/files). */
export function fileStore(): FileStore {
  if (store) return store;
  if (env.FILE_STORAGE === 's3') {
    if (!env.S3_BUCKET) throw new Error('FILE_STORAGE=s3 needs S3_BUCKET');
    store = new S3FileStore({
      endpoint: env.S3_ENDPOINT,
      bucket: env.S3_BUCKET,
      region: env.S3_REGION,
      accessKeyId: env.S3_ACCESS_KEY_ID,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
    });
  } else {
    store = new DiskFileStore(path.resolve(env.FILE_DIR));
  }
  return store;
}

/** Tests swap in a store of their own. */
export function useFileStore(s: FileStore | null) {
  store = s;
}
