import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import type { PageLoad } from './$types';

/**
 * The province board is for the province's followers and its administrator (B3): the server
 * says which province's board an account sees; any other account is told it has none.
 */
export const load: PageLoad = async ({ parent, url }) => {
  const { account } = await parent();
  if (!account) redirect(303, `${resolve('/sign-in')}?next=${encodeURIComponent(url.pathname)}`);
  return { account, provinceId: account.boardProvinceId };
};
