import { ACCOUNT_ROLE_VALUES } from '@hopxa/domain';
import { z } from 'zod';
import { optionalTypedText, typedText } from './typed-text.ts';

/** POST /api/auth/sign-in */
export const signInRequestSchema = z.object({
  username: typedText(100),
  password: z.string().min(1).max(200),
});

/** POST /api/pairing/redeem: the code as typed or read from the QR link. */
export const redeemPairingRequestSchema = z.object({
  code: z.string().min(1).max(40),
  deviceLabel: optionalTypedText(80).optional(),
});

/** Who is signed in, as pages need to know it. */
export const accountSummarySchema = z.object({
  id: z.string(),
  displayName: z.string(),
  role: z.enum(ACCOUNT_ROLE_VALUES),
  organisationId: z.string().nullable(),
  personId: z.string().nullable(),
  /** Signed in by a pairing code: this browser is a member's tablet. */
  tablet: z.boolean(),
  /** The province whose board of the day's sittings (B3) this account sees, else null. */
  boardProvinceId: z.string().nullable(),
});

export type AccountSummary = z.infer<typeof accountSummarySchema>;

/** GET /api/auth/me, and the answer to a sign-in or a redeemed pairing code. */
export const meResponseSchema = z.object({ account: accountSummarySchema });
export type MeResponse = z.infer<typeof meResponseSchema>;
