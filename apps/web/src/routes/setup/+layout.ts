import { redirect } from '@sveltejs/kit';
import { resolve } from '$app/paths';
import { overviewSchema } from '@hopxa/protocol';
import { getJson } from '#lib/api.ts';
import type { LayoutLoad } from './$types';

/**
 * Setup is for the secretariat of a commune (their own) and system administrators (any
 * commune, chosen with ?commune=). Anyone else is sent to sign in.
 */
export const load: LayoutLoad = async ({ parent, fetch, url }) => {
  const { account } = await parent();
  if (!account || (account.role !== 'secretariat' && account.role !== 'system_admin')) {
    redirect(303, `${resolve('/sign-in')}?next=${encodeURIComponent(url.pathname)}`);
  }
  let organisationId = account.organisationId;
  if (account.role === 'system_admin') {
    const { communes } = await getJson(fetch, '/api/overview', overviewSchema);
    organisationId = url.searchParams.get('commune') ?? communes[0]?.id ?? null;
  }
  return { account, organisationId };
};
