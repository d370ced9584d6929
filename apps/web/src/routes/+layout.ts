import { meResponseSchema, type AccountSummary } from '@hopxa/protocol';
import { ApiRequestError, getJson } from '#lib/api.ts';
import type { LayoutLoad } from './$types';

/** Every page knows who is signed in (null when no one is). */
export const load: LayoutLoad = async ({ fetch }): Promise<{ account: AccountSummary | null }> => {
  try {
    return { account: (await getJson(fetch, '/api/auth/me', meResponseSchema)).account };
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401) return { account: null };
    throw error;
  }
};
