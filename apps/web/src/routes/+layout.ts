import { meResponseSchema, type AccountSummary } from '@hopxa/protocol';
import { ApiRequestError, getJson } from '#lib/api.ts';
import type { Language } from '#lib/i18n/language.ts';
import type { LayoutLoad } from './$types';

/** Every page knows who is signed in (null when no one is). */
export const load: LayoutLoad = async ({
  fetch,
  data,
}): Promise<{ account: AccountSummary | null; language: Language }> => {
  try {
    const { account } = await getJson(fetch, '/api/auth/me', meResponseSchema);
    return { account, language: data.language };
  } catch (error) {
    if (error instanceof ApiRequestError && error.status === 401)
      return { account: null, language: data.language };
    throw error;
  }
};
