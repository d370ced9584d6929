import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { myMeetingsResponseSchema } from '@hopxa/protocol';
import { getJson } from '#lib/api.ts';
import type { PageLoad } from './$types';

/**
 * Where a paired hall display lands: the meeting in session opens by itself; otherwise the
 * commune's convened meetings (never a draft) to choose from.
 */
export const load: PageLoad = async ({ parent, fetch }) => {
  const { account } = await parent();
  if (!account) redirect(303, resolve('/pair'));
  const { meetings } = await getJson(fetch, '/api/my/meetings', myMeetingsResponseSchema);
  const inSession = meetings.filter((meeting) => meeting.status === 'open');
  const [only] = inSession;
  if (only && inSession.length === 1)
    redirect(303, resolve('/meetings/[meetingId]/hall', { meetingId: only.id }));
  return { account, meetings: meetings.filter((meeting) => meeting.status !== 'draft') };
};
