import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { myMeetingsResponseSchema } from '@hopxa/protocol';
import { getJson } from '#lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, fetch, url }) => {
  const { account } = await parent();
  if (!account) redirect(303, `${resolve('/sign-in')}?next=${encodeURIComponent(url.pathname)}`);
  const { meetings } = await getJson(fetch, '/api/my/meetings', myMeetingsResponseSchema);
  return { meetings };
};
