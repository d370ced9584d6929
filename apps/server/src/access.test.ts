import { describeEachDatabase } from '@hopxa/db/testing';
import { ACCESS_MATRIX } from '@hopxa/domain';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startApi } from './test/api-harness.ts';
import { ENDPOINTS, routeOf } from './test/endpoints.ts';
import { ACTOR_NAMES, buildWorld, type World } from './test/fixtures.ts';

describeEachDatabase('every API command as every role', (database) => {
  let api: Awaited<ReturnType<typeof startApi>>;
  let world: World;
  beforeAll(async () => {
    api = await startApi(database.handle().db);
    world = await buildWorld(database.handle().db, api.now());
  });
  afterAll(() => api.close());

  for (const endpoint of ENDPOINTS) {
    for (const actor of ACTOR_NAMES) {
      const allowed =
        endpoint.needs === 'signed_in'
          ? actor !== 'nobody'
          : ACCESS_MATRIX[endpoint.needs].includes(actor);
      it(`${routeOf(endpoint)} as ${actor}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const response = await api.request(endpoint.method, endpoint.path(world), {
          token: world.tokens[actor],
          ...(endpoint.body && { body: endpoint.body(world) }),
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
