import { overviewSchema } from '@hopxa/protocol';
import { getJson } from '#lib/api.ts';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => ({
  overview: await getJson(fetch, '/api/overview', overviewSchema),
});
