import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv } from './env.ts';

describe('configuration from the environment', () => {
  it('defaults to port 3000, embedded PGlite in ./data and the demo seed', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      SEED_DEMO: true,
      LOG_LEVEL: 'info',
      VIDEO: true,
      VIDEO_PRIORITY: 'idle',
      DOCUMENTS_MAX_MB: 50,
      DOCUMENTS_SEND_MB_PER_SECOND: 25,
      S3_REGION: 'us-east-1',
    });
    expect(env.S3_ENDPOINT).toBeUndefined();
    expect(env.VIDEO_UDP_PORTS).toBeUndefined();
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.REDIS_URL).toBeUndefined();
  });

  it('treats an empty variable as unset', () => {
    expect(loadEnv({ DATABASE_URL: '', PORT: '' })).toMatchObject({ PORT: 3000 });
  });

  it('accepts postgres:// and postgresql:// database URLs and redis:// URLs', () => {
    expect(
      loadEnv({ DATABASE_URL: 'postgres://u@127.0.0.1:5432/test' }).DATABASE_URL,
    ).toBeDefined();
    expect(loadEnv({ DATABASE_URL: 'postgresql://db.example/x' }).DATABASE_URL).toBeDefined();
    expect(loadEnv({ REDIS_URL: 'redis://127.0.0.1:6379' }).REDIS_URL).toBeDefined();
  });

  it("reads the SFU's priority and its UDP ports", () => {
    expect(loadEnv({ VIDEO_PRIORITY: '0', VIDEO_UDP_PORTS: '40000-40999' })).toMatchObject({
      VIDEO_PRIORITY: 0,
      VIDEO_UDP_PORTS: { first: 40000, last: 40999 },
    });
    expect(loadEnv({ VIDEO_PRIORITY: '19' }).VIDEO_PRIORITY).toBe(19);
    expect(loadEnv({ VIDEO_PRIORITY: 'idle' }).VIDEO_PRIORITY).toBe('idle');
  });

  it("reads the papers' size limit and a bucket given whole", () => {
    const bucket = {
      S3_ENDPOINT: 'https://s3.example.vn',
      S3_BUCKET: 'hopxa-papers',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
    };
    expect(loadEnv({ DOCUMENTS_MAX_MB: '200', ...bucket, S3_REGION: 'hn-1' })).toMatchObject({
      DOCUMENTS_MAX_MB: 200,
      ...bucket,
      S3_REGION: 'hn-1',
    });
    expect(loadEnv({ ...bucket, S3_ENDPOINT: 'http://127.0.0.1:9000' }).S3_REGION).toBe(
      'us-east-1',
    );
  });

  it('refuses half a bucket, naming what is missing in both languages', () => {
    const half = { S3_ENDPOINT: 'https://s3.example.vn', S3_ACCESS_KEY_ID: 'key' };
    expect(() => loadEnv(half)).toThrow(ConfigError);
    expect(() => loadEnv(half)).toThrow(
      /^Thiếu S3_BUCKET, S3_SECRET_ACCESS_KEY: .*\(S3_BUCKET, S3_SECRET_ACCESS_KEY missing: /,
    );
    // The region alone is no bucket: it has a default.
    expect(loadEnv({ S3_REGION: 'hn-1' }).S3_ENDPOINT).toBeUndefined();
    expect(() => loadEnv({ S3_SECRET_ACCESS_KEY: 'secret' })).toThrow(
      /Thiếu S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID/,
    );
  });

  it.each([
    ['DATABASE_URL', 'mysql://127.0.0.1/test', /DATABASE_URL không hợp lệ/],
    ['DATABASE_URL', 'not a url', /DATABASE_URL không hợp lệ/],
    ['REDIS_URL', '127.0.0.1:6379', /REDIS_URL không hợp lệ/],
    ['PORT', '70000', /PORT phải là số/],
    ['PORT', 'abc', /PORT phải là số/],
    ['SEED_DEMO', 'yes', /SEED_DEMO/],
    ['LOG_LEVEL', 'loud', /LOG_LEVEL/],
    ['VIDEO_PRIORITY', '20', /VIDEO_PRIORITY phải là idle hoặc số nguyên từ 0 đến 19/],
    ['VIDEO_PRIORITY', '-1', /VIDEO_PRIORITY phải là idle hoặc số nguyên từ 0 đến 19/],
    ['VIDEO_PRIORITY', '2.5', /VIDEO_PRIORITY phải là idle hoặc số nguyên từ 0 đến 19/],
    ['VIDEO_PRIORITY', 'low', /VIDEO_PRIORITY phải là idle hoặc số nguyên từ 0 đến 19/],
    ['VIDEO_UDP_PORTS', '40000', /VIDEO_UDP_PORTS phải có dạng/],
    ['VIDEO_UDP_PORTS', '41000-40000', /VIDEO_UDP_PORTS phải là khoảng cổng/],
    ['DOCUMENTS_MAX_MB', '0', /DOCUMENTS_MAX_MB phải từ 1 đến 2048/],
    ['DOCUMENTS_SEND_MB_PER_SECOND', '0', /DOCUMENTS_SEND_MB_PER_SECOND phải từ 1 đến 10000/],
    ['DOCUMENTS_SEND_MB_PER_SECOND', 'fast', /DOCUMENTS_SEND_MB_PER_SECOND phải là số/],
    ['DOCUMENTS_MAX_MB', '2049', /DOCUMENTS_MAX_MB phải từ 1 đến 2048/],
    ['DOCUMENTS_MAX_MB', '1.5', /DOCUMENTS_MAX_MB phải là số nguyên/],
    ['DOCUMENTS_MAX_MB', 'lots', /DOCUMENTS_MAX_MB phải là số/],
    ['S3_ENDPOINT', 'ftp://s3.example.vn', /S3_ENDPOINT không hợp lệ/],
    ['S3_ENDPOINT', 's3.example.vn', /S3_ENDPOINT không hợp lệ/],
    ['S3_BUCKET', 'Hopxa_Papers', /S3_BUCKET phải là tên bucket/],
  ])('refuses %s=%s with a message that names it', (name, value, message) => {
    expect(() => loadEnv({ [name]: value })).toThrow(ConfigError);
    expect(() => loadEnv({ [name]: value })).toThrow(message);
  });
});
