import { describeEachDatabase } from '@hopxa/db/testing';
import {
  ACCESS_ACTORS,
  ACCESS_MATRIX,
  PROVINCE_ACCESS_ACTORS,
  PROVINCE_ACCESS_MATRIX,
  PROVINCE_ACTIONS,
  type ProvinceAction,
} from '@hopxa/domain';
import { expect, it } from 'vitest';

import { ENDPOINTS, routeOf } from './test/endpoints.ts';
import { useApiWorld } from './test/fixtures.ts';

describeEachDatabase('every API command as every role', (database) => {
  const context = useApiWorld(database);

  const isProvinceAction = (needs: string): needs is ProvinceAction =>
    (PROVINCE_ACTIONS as readonly string[]).includes(needs);

  const expectAnswer = (
    response: { status: number; body: unknown },
    allowed: boolean,
    nobody: boolean,
  ) => {
    if (allowed) {
      expect([401, 403]).not.toContain(response.status);
    } else {
      expect(response.status).toBe(nobody ? 401 : 403);
      expect((response.body as { code: string }).code).toBe(
        nobody ? 'unauthenticated' : 'forbidden',
      );
    }
  };

  for (const endpoint of ENDPOINTS) {
    const { needs } = endpoint;
    const call = (token: string | null) =>
      context.api.request(endpoint.method, endpoint.path(context.world), {
        token,
        ...(endpoint.body && { body: endpoint.body(context.world) }),
      });
    if (isProvinceAction(needs)) {
      for (const actor of PROVINCE_ACCESS_ACTORS) {
        const allowed = PROVINCE_ACCESS_MATRIX[needs].includes(actor);
        it(`${routeOf(endpoint)} as ${actor}: ${allowed ? 'allowed' : 'refused'}`, async () => {
          const response = await call(context.world.provinceTokens[actor]);
          expectAnswer(response, allowed, actor === 'nobody');
        });
      }
      continue;
    }
    for (const actor of ACCESS_ACTORS) {
      const allowed =
        needs === 'signed_in' ? actor !== 'nobody' : ACCESS_MATRIX[needs].includes(actor);
      it(`${routeOf(endpoint)} as ${actor}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const response = await call(context.world.tokens[actor]);
        expectAnswer(response, allowed, actor === 'nobody');
      });
    }
  }
});
