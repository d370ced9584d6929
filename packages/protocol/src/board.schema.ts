import type { SittingSummary } from '@hopxa/domain';
import { z } from 'zod';
import { typedText } from './typed-text.ts';

/** `board:join`: a province's board, for its followers and administrator (B3). */
export const boardJoinRequestSchema = z.strictObject({ provinceId: z.uuid() });
export type BoardJoinRequest = z.infer<typeof boardJoinRequestSchema>;

/** One sitting on the board: its summary (B1), whose it is and when it was to start. */
export type BoardSitting = SittingSummary;

/** `board:join`'s answer: the whole board of the day at once, for a screen opened late. */
export type BoardSnapshot = {
  readonly provinceId: string;
  readonly provinceName: string;
  /** The Vietnam day the board is of (YYYY-MM-DD). */
  readonly day: string;
  /** Every commune below the province, with or without a sitting today, by name. */
  readonly communes: readonly { readonly id: string; readonly name: string }[];
  readonly sittings: readonly BoardSitting[];
};

/**
 * `board:changes`, to a province's board viewers: the sittings whose summary changed, each
 * at most once a second; a sitting new to the board comes the same way. Each carries its
 * log's seq: a screen keeps the later of two.
 */
export type BoardChangesMessage = {
  readonly provinceId: string;
  /** The day of the board; another than the screen holds: a new day, join again. */
  readonly day: string;
  readonly sittings: readonly BoardSitting[];
  /** The province's communes again, when one was added since the screen was told. */
  readonly communes?: BoardSnapshot['communes'];
};

/** A province's own account, as its administrator lists them. */
export const provinceAccountSchema = z.object({
  id: z.string(),
  username: z.string().nullable(),
  displayName: z.string(),
  role: z.enum(['follower', 'province_admin']),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
});
export type ProvinceAccount = z.infer<typeof provinceAccountSchema>;

/** `GET /api/provinces/:provinceId`: the province, its communes and its own accounts. */
export const provinceResponseSchema = z.object({
  province: z.object({ id: z.string(), name: z.string() }),
  communes: z.array(z.object({ id: z.string(), name: z.string(), code: z.string() })),
  accounts: z.array(provinceAccountSchema),
});
export type ProvinceResponse = z.infer<typeof provinceResponseSchema>;

/** The shortest password an administrator may give a new account. */
export const MIN_PASSWORD_LENGTH = 10;

/** `POST /api/provinces/:provinceId/accounts`: a follower of the whole province. */
export const newProvinceAccountRequestSchema = z.strictObject({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{2,39}$/),
  displayName: typedText(120),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(200),
});
export type NewProvinceAccountRequest = z.infer<typeof newProvinceAccountRequestSchema>;
