import { error, redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { meetingDetailSchema } from '@hopxa/protocol';
import { ApiRequestError, getJson } from '#lib/api.ts';
import type { LayoutLoad } from './$types';

/** Every screen of a meeting: its title and people; the live state comes over the socket. */
export const load: LayoutLoad = async ({ parent, fetch, params, url }) => {
  const { account } = await parent();
  if (!account) redirect(303, `${resolve('/sign-in')}?next=${encodeURIComponent(url.pathname)}`);
  try {
    const meeting = await getJson(fetch, `/api/meetings/${params.meetingId}`, meetingDetailSchema);
    return { account, meeting };
  } catch (caught) {
    // Not this person's meeting, or no such meeting: say so, with the server's sentence.
    if (caught instanceof ApiRequestError && (caught.status === 403 || caught.status === 404))
      error(caught.status, caught.message);
    throw caught;
  }
};
