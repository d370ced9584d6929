import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { provinceResponseSchema } from '@hopxa/protocol';
import { getJson } from '#lib/api.ts';
import type { PageLoad } from './$types';

/** A province's communes and own accounts, for its administrator (B3); anyone else is told so. */
export const load: PageLoad = async ({ parent, fetch, url }) => {
  const { account } = await parent();
  if (!account) redirect(303, `${resolve('/sign-in')}?next=${encodeURIComponent(url.pathname)}`);
  if (account.role !== 'province_admin' || !account.organisationId)
    return { account, province: null };
  const province = await getJson(
    fetch,
    `/api/provinces/${account.organisationId}`,
    provinceResponseSchema,
  );
  return { account, province };
};
