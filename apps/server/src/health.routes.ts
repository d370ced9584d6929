import { Router } from 'express';

export type ReadinessCheck = { readonly name: string; readonly check: () => Promise<void> };

/**
 * GET /healthz answers while the process runs; GET /readyz only when every dependency
 * (the database, and Redis when configured) answers, so a load balancer sends no traffic
 * to a process that cannot serve it.
 */
export function healthRoutes(checks: readonly ReadinessCheck[]): Router {
  const router = Router();
  router.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  router.get('/readyz', async (_request, response) => {
    const results = await Promise.all(
      checks.map(async ({ name, check }) => {
        try {
          await withTimeout(check(), 2000);
          return [name, 'ok'] as const;
        } catch {
          return [name, 'unavailable'] as const;
        }
      }),
    );
    const ready = results.every(([, status]) => status === 'ok');
    response.status(ready ? 200 : 503).json({
      status: ready ? 'ok' : 'unavailable',
      checks: Object.fromEntries(results),
    });
  });
  return router;
}

function withTimeout<T>(promise: Promise<T>, milliseconds: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), milliseconds);
    promise.then(resolve, reject).finally(() => clearTimeout(timer));
  });
}
