import { auditResponseSchema } from '@hopxa/protocol';
import { getJson } from '#lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, fetch }) => {
  const { organisationId } = await parent();
  const { events } = organisationId
    ? await getJson(fetch, `/api/organisations/${organisationId}/audit`, auditResponseSchema)
    : { events: [] };
  return { events };
};
