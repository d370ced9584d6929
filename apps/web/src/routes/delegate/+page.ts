import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  const { account } = await parent();
  if (!account) redirect(303, resolve('/pair'));
  return { account };
};
