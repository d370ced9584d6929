import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { meetingDetailSchema } from '@hopxa/protocol';
import { getJson } from '#lib/api.ts';
import type { LayoutLoad } from './$types';

/** Every screen of a meeting: its title and people; the live state comes over the socket. */
export const load: LayoutLoad = async ({ parent, fetch, params, url }) => {
  const { account } = await parent();
  if (!account) redirect(303, `${resolve('/sign-in')}?next=${encodeURIComponent(url.pathname)}`);
  const meeting = await getJson(fetch, `/api/meetings/${params.meetingId}`, meetingDetailSchema);
  return { account, meeting };
};
