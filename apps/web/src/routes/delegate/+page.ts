import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { myMeetingsResponseSchema } from '@hopxa/protocol';
import { getJson } from '#lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, fetch }) => {
  const { account } = await parent();
  if (!account) redirect(303, resolve('/pair'));
  const { meetings } = await getJson(fetch, '/api/my/meetings', myMeetingsResponseSchema);
  return { account, meetings };
};
