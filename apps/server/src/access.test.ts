import { describeEachDatabase } from '@hopxa/db/testing';
import { ACCESS_ACTORS, ACCESS_MATRIX } from '@hopxa/domain';
import { expect, it } from 'vitest';

import { ENDPOINTS, routeOf } from './test/endpoints.ts';
import { useApiWorld } from './test/fixtures.ts';

describeEachDatabase('every API command as every role', (database) => {
  const context = useApiWorld(database);

  for (const endpoint of ENDPOINTS) {
    for (const actor of ACCESS_ACTORS) {
      const allowed =
        endpoint.needs === 'signed_in'
          ? actor !== 'nobody'
          : ACCESS_MATRIX[endpoint.needs].includes(actor);
      it(`${routeOf(endpoint)} as ${actor}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const response = await context.api.request(endpoint.method, endpoint.path(context.world), {
          token: context.world.tokens[actor],
          ...(endpoint.body && { body: endpoint.body(context.world) }),
        });
        if (allowed) {
          expect([401, 403]).not.toContain(response.status);
        } else {
          expect(response.status).toBe(actor === 'nobody' ? 401 : 403);
          expect((response.body as { code: string }).code).toBe(
            actor === 'nobody' ? 'unauthenticated' : 'forbidden',
          );
        }
      });
    }
  }
});
