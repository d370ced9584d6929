import type { Database } from '@hopxa/db';
import express, { type Express, type RequestHandler } from 'express';
import { apiErrorHandler, apiNotFound } from './api-errors.ts';
import { healthRoutes, type ReadinessCheck } from './health.routes.ts';
import type { Logger } from './logger.ts';
import { overviewRoutes } from './overview.routes.ts';

export type AppDependencies = {
  readonly db: Database;
  readonly logger: Logger;
  readonly readinessChecks: readonly ReadinessCheck[];
  /** The built SvelteKit app, mounted after our own routes; absent in dev and API tests. */
  readonly webHandler?: RequestHandler;
};

/**
 * The HTTP side of the server: health, the REST API, then the web app.
 *
 * @example
 * const app = createApp({ db, logger, readinessChecks: [] });
 * http.createServer(app).listen(0);
 */
export function createApp(dependencies: AppDependencies): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(healthRoutes(dependencies.readinessChecks));
  app.use('/api', express.json({ limit: '100kb' }));
  app.use(overviewRoutes(dependencies.db));
  app.use('/api', apiNotFound);
  app.use(apiErrorHandler(dependencies.logger));
  if (dependencies.webHandler) app.use(dependencies.webHandler);
  return app;
}
