import os from 'node:os';
import path from 'node:path';
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
   * The SFU process's CPU priority as a nice value (0 to 19). Above the server's 0, so that
   * on a busy machine votes and check-ins are served before video packets.
   */
  VIDEO_NICE: z.coerce
    .number({
      message: 'VIDEO_NICE phải là số từ 0 đến 19 (VIDEO_NICE must be a number from 0 to 19)',
    })
    .int('VIDEO_NICE phải là số nguyên (VIDEO_NICE must be a whole number)')
    .min(0, 'VIDEO_NICE phải từ 0 đến 19 (VIDEO_NICE must be from 0 to 19)')
    .max(19, 'VIDEO_NICE phải từ 0 đến 19 (VIDEO_NICE must be from 0 to 19)')
    .default(10),
});

export type Env = z.infer<typeof envSchema>;

/**
 * Reads and checks every environment variable the server uses: the only place that reads
 * process.env. Empty values count as unset.
 *
 * @example
 * const env = loadEnv({ PORT: '8080' }); // env.PORT === 8080, env.DATA_DIR === './data'
 */
export function loadEnv(source: Record<string, string | undefined>): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = envSchema.safeParse(present);
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
