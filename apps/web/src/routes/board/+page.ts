import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import type { PageLoad } from './$types';

/**
 * The province board is for the province's followers and its administrator (B3). Whether
 * an account's organisation is a province the server says when the board is asked for: a
 * commune's follower is refused there, and told so like any other account.
 */
export const load: PageLoad = async ({ parent, url }) => {
  const { account } = await parent();
  if (!account) redirect(303, `${resolve('/sign-in')}?next=${encodeURIComponent(url.pathname)}`);
  const mayView = account.role === 'follower' || account.role === 'province_admin';
  return { account, provinceId: mayView ? account.organisationId : null };
};
