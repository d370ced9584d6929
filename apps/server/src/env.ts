import { DEFAULT_DOCUMENT_SIZE_LIMIT_BYTES } from '@hopxa/domain';
import os from 'node:os';
import path from 'node:path';
import { isCpuPriority, type CpuPriority } from '@hopxa/sfu';
import { z } from 'zod';

/** A setting that stops the start: the message says what to fix, in both languages. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const postgresUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== ''
      );
    } catch {
      return false;
    }
  },
  {
    message:
      'DATABASE_URL không hợp lệ: cần dạng postgres://người-dùng:mật-khẩu@máy-chủ:5432/tên-csdl ' +
      '(DATABASE_URL is malformed: expected postgres://user:password@host:5432/database)',
  },
);

const redisUrl = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'redis:' || url.protocol === 'rediss:';
    } catch {
      return false;
    }
  },
  {
    message:
      'REDIS_URL không hợp lệ: cần dạng redis://máy-chủ:6379 (REDIS_URL is malformed: expected redis://host:6379)',
  },
);

const flag = z.enum(['true', 'false']).transform((value) => value === 'true');

const httpUrl = (name: string, example: string) =>
  z.string().refine(
    (value) => {
      try {
        const url = new URL(value);
        return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
      } catch {
        return false;
      }
    },
    {
      message: `${name} không hợp lệ: cần dạng ${example} (${name} is malformed: expected ${example})`,
    },
  );

const envSchema = z.object({
  PORT: z.coerce
    .number({ message: 'PORT phải là số từ 0 đến 65535 (PORT must be a number from 0 to 65535)' })
    .int()
    .min(0, 'PORT phải là số từ 0 đến 65535 (PORT must be a number from 0 to 65535)')
    .max(65535, 'PORT phải là số từ 0 đến 65535 (PORT must be a number from 0 to 65535)')
    .default(3000),
  HOST: z.string().min(1).optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: redisUrl.optional(),
  SERVER_KEY: z
    .string()
    .regex(
      /^[0-9a-fA-F]{64}$/,
      'SERVER_KEY phải gồm 64 ký tự hex (SERVER_KEY must be 64 hex characters, e.g. from openssl rand -hex 32)',
    )
    .optional(),
  // Outside the data folder on purpose: a copy of the data must not carry its key.
  SERVER_KEY_FILE: z
    .string()
    .min(1)
    .default(() => path.join(os.homedir(), '.config', 'hopxa', 'server.key')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: flag.default(true),
  TRUST_PROXY: z.coerce
    .number({
      message:
        'TRUST_PROXY phải là số proxy đứng trước (TRUST_PROXY must be the number of proxies in front)',
    })
    .int()
    .min(0)
    .max(10)
    .default(0),
  /** Linked video (the SFU, in a child process): on unless set to false. */
  VIDEO: flag.default(true),
  /**
   * The UDP ports the SFU's media use, 'first-last', for a firewall to open; unset: any
   * free port the system gives.
   */
  VIDEO_UDP_PORTS: z
    .string()
    .regex(
      /^\d{4,5}-\d{4,5}$/,
      'VIDEO_UDP_PORTS phải có dạng 40000-40999 (VIDEO_UDP_PORTS must look like 40000-40999)',
    )
    .transform((value) => {
      const [first = 0, last = 0] = value.split('-').map(Number);
      return { first, last };
    })
    .refine(
      (range) => range.first >= 1024 && range.first <= range.last && range.last <= 65535,
      'VIDEO_UDP_PORTS phải là khoảng cổng từ 1024 đến 65535, số đầu không lớn hơn số sau (VIDEO_UDP_PORTS must be a port range within 1024-65535, first not above last)',
    )
    .optional(),
  /**
   * The SFU process's CPU priority: `idle` (the default), the CPU only when the server and the
   * database leave one free, so that on a busy machine votes and check-ins are served before
   * video packets; or a nice value from 0 (as the server) to 19.
   */
  VIDEO_PRIORITY: z
    .string()
    .default('idle')
    .transform((value, context): CpuPriority => {
      const priority = value === 'idle' ? value : Number(value);
      if (isCpuPriority(priority)) return priority;
      context.addIssue({
        code: 'custom',
        message:
          'VIDEO_PRIORITY phải là idle hoặc số nguyên từ 0 đến 19 (VIDEO_PRIORITY must be idle or a whole number from 0 to 19)',
      });
      return z.NEVER;
    }),
  /** The largest paper taken, in megabytes (of 1024 × 1024 bytes, as the domain's default). */
  DOCUMENTS_MAX_MB: z.coerce
    .number({
      message:
        'DOCUMENTS_MAX_MB phải là số từ 1 đến 2048 (DOCUMENTS_MAX_MB must be a number from 1 to 2048)',
    })
    .int('DOCUMENTS_MAX_MB phải là số nguyên (DOCUMENTS_MAX_MB must be a whole number)')
    .min(1, 'DOCUMENTS_MAX_MB phải từ 1 đến 2048 (DOCUMENTS_MAX_MB must be from 1 to 2048)')
    .max(2048, 'DOCUMENTS_MAX_MB phải từ 1 đến 2048 (DOCUMENTS_MAX_MB must be from 1 to 2048)')
    .default(DEFAULT_DOCUMENT_SIZE_LIMIT_BYTES / (1024 * 1024)),
  /**
   * How many megabytes a second this process sends of papers, all readers together: kept
   * below what would starve the votes of CPU; about what a hall's network carries.
   */
  DOCUMENTS_SEND_MB_PER_SECOND: z.coerce
    .number({
      message:
        'DOCUMENTS_SEND_MB_PER_SECOND phải là số từ 1 đến 10000 (DOCUMENTS_SEND_MB_PER_SECOND must be a number from 1 to 10000)',
    })
    .int(
      'DOCUMENTS_SEND_MB_PER_SECOND phải là số nguyên (DOCUMENTS_SEND_MB_PER_SECOND must be a whole number)',
    )
    .min(
      1,
      'DOCUMENTS_SEND_MB_PER_SECOND phải từ 1 đến 10000 (DOCUMENTS_SEND_MB_PER_SECOND must be from 1 to 10000)',
    )
    .max(
      10000,
      'DOCUMENTS_SEND_MB_PER_SECOND phải từ 1 đến 10000 (DOCUMENTS_SEND_MB_PER_SECOND must be from 1 to 10000)',
    )
    .default(25),
  /**
   * An S3-compatible bucket for papers' files instead of DATA_DIR: S3_ENDPOINT, S3_BUCKET and
   * both keys, or none of them (checked below).
   */
  S3_ENDPOINT: httpUrl('S3_ENDPOINT', 'https://s3.example.vn').optional(),
  S3_BUCKET: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
      'S3_BUCKET phải là tên bucket: 3 đến 63 chữ thường, số, dấu chấm hoặc gạch ngang (S3_BUCKET must be a bucket name: 3 to 63 lowercase letters, digits, dots or hyphens)',
    )
    .optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
});

export type Env = z.infer<typeof envSchema>;

/** What a bucket needs; S3_REGION has a default and is never missing. */
const S3_REQUIRED = [
  'S3_ENDPOINT',
  'S3_BUCKET',
  'S3_ACCESS_KEY_ID',
  'S3_SECRET_ACCESS_KEY',
] as const;

/** Half a bucket is a mistake, not a choice: it would quietly store papers in DATA_DIR. */
const checkedEnvSchema = envSchema.superRefine((env, context) => {
  const missing = S3_REQUIRED.filter((name) => env[name] === undefined);
  if (missing.length === 0 || missing.length === S3_REQUIRED.length) return;
  const names = missing.join(', ');
  const all = S3_REQUIRED.join(', ');
  context.addIssue({
    code: 'custom',
    message:
      `Thiếu ${names}: để lưu tài liệu vào S3 cần đủ ${all}, hoặc bỏ trống cả bốn để lưu trong DATA_DIR ` +
      `(${names} missing: storing papers in S3 needs all of ${all}, or none of them to store them in DATA_DIR)`,
  });
});

/**
 * Reads and checks every environment variable the server uses: the only place that reads
 * process.env. Empty values count as unset.
 *
 * @example
 * const env = loadEnv({ PORT: '8080' }); // env.PORT === 8080, env.DATA_DIR === './data'
 */
export function loadEnv(source: Record<string, string | undefined>): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = checkedEnvSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map(describeIssue).join('; '));
  }
  return result.data;
}

/** Our own messages name their variable already; zod's generic ones get the name put first. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const name = String(issue.path[0] ?? '');
  if (issue.message.includes(name)) return issue.message;
  return `${name} không hợp lệ: ${issue.message} (${name} is invalid)`;
}
