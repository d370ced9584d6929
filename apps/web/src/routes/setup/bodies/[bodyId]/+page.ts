import { membersResponseSchema } from '@hopxa/protocol';
import { getJson } from '#lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, params }) => ({
  body: await getJson(fetch, `/api/bodies/${params.bodyId}/members`, membersResponseSchema),
});
