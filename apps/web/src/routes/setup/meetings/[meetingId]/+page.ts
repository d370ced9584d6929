import { meetingDetailSchema, membersResponseSchema } from '@hopxa/protocol';
import { getJson } from '#lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => {
  const meeting = await getJson(fetch, `/api/meetings/${params.meetingId}`, meetingDetailSchema);
  const { members } = await getJson(
    fetch,
    `/api/bodies/${meeting.bodyId}/members`,
    membersResponseSchema,
  );
  return { meeting, members };
};
