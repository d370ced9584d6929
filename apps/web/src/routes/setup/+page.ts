import { setupOverviewSchema, tabletsResponseSchema } from '@hopxa/protocol';
import { getJson } from '#lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, fetch }) => {
  const { organisationId } = await parent();
  if (!organisationId) return { setup: null, tablets: [] };
  const [setup, { tablets }] = await Promise.all([
    getJson(fetch, `/api/organisations/${organisationId}/setup`, setupOverviewSchema),
    getJson(fetch, `/api/organisations/${organisationId}/tablets`, tabletsResponseSchema),
  ]);
  return { setup, tablets };
};
