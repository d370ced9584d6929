import type { Database } from '@hopxa/db';
import express, { type Express, type RequestHandler } from 'express';
import { auditRoutes } from './audit/audit.routes.ts';
import { authRoutes } from './auth/auth.routes.ts';
import { authenticate } from './auth/authenticate.middleware.ts';
import { checkOrigin } from './auth/origin-check.middleware.ts';
import type { AccessChanges } from './auth/access-changes.ts';
import { bodiesRoutes } from './bodies/bodies.routes.ts';
import { healthRoutes, type ReadinessCheck } from './health.routes.ts';
import { apiErrorHandler, apiNotFound } from './http/api-errors.ts';
import { requestLog } from './http/request-log.ts';
import type { Logger } from './logger.ts';
import { documentsRoutes, type DocumentsSettings } from './documents/documents.routes.ts';
import { noticeRoutes } from './documents/notice.routes.ts';
import { meetingsRoutes } from './meetings/meetings.routes.ts';
import { NoticeChanges } from './meetings/notice-changes.ts';
import { overviewRoutes } from './overview.routes.ts';
import { pairingRoutes } from './pairing/pairing.routes.ts';
import { papersRoutes } from './papers/papers.routes.ts';
import { daySummaryRoutes } from './provinces/day-summary.routes.ts';
import { provinceRoutes } from './provinces/province.routes.ts';
import { connectionPointsRoutes } from './video/connection-points.routes.ts';
import { VideoDesk } from './video/video-desk.ts';
import { whipRoutes } from './video/whip.routes.ts';

export type AppDependencies = {
  readonly db: Database;
  readonly logger: Logger;
  readonly readinessChecks: readonly ReadinessCheck[];
  /** Where ended sessions are announced, for the realtime side to close their sockets. */
  readonly accessChanges: AccessChanges;
  /** Hides names no account has, typed at sign-in (`ServerKeys.names`). */
  readonly namesKey: Buffer;
  /** Checks a meeting's record link by link before a paper is made from it (`ServerKeys.log`). */
  readonly logKey: Buffer;
  /**
   * How many proxies in front to trust: for the client's address (X-Forwarded-For), the
   * scheme (X-Forwarded-Proto) and the host (X-Forwarded-Host). 0: none is read.
   */
  readonly trustProxy?: number;
  /** The time, injectable so tests can move it (session expiry, pairing codes, rate limits). */
  readonly clock?: () => Date;
  /**
   * Linked video, shared with the realtime side: connection points' setup, WHIP and WHEP.
   * Absent: a desk without a router (points can be set up, video is refused).
   */
  readonly video?: VideoDesk;
  /**
   * Where a convened meeting's changed setup is announced, for the realtime side to send
   * the members the notice again; absent (API tests), nobody is told.
   */
  readonly noticeChanges?: NoticeChanges;
  /** Where papers' files are kept, and the largest taken. */
  readonly documents: DocumentsSettings;
  /** The built SvelteKit app, mounted after our own routes; absent in dev and API tests. */
  readonly webHandler?: RequestHandler;
};

/**
 * The HTTP side of the server: health, the REST API, then the web app. Every /api request
 * is parsed, then its session read; state-changing ones must come from our own origin.
 *
 * @example
 * const app = createApp({ db, logger, readinessChecks: [] });
 * http.createServer(app).listen(0);
 */
export function createApp(dependencies: AppDependencies): Express {
  const { db, logger } = dependencies;
  const clock = dependencies.clock ?? (() => new Date());
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', dependencies.trustProxy ?? 0);
  app.use(requestLog(logger));
  app.use(healthRoutes(dependencies.readinessChecks));
  const video = dependencies.video ?? new VideoDesk({ db, router: null, logger });
  // Bearer-protected, cookie-free and outside /api: encoders send no Origin and no session.
  app.use(whipRoutes(db, video));
  app.use(
    '/api',
    express.json({ limit: '1mb' }),
    checkOrigin(dependencies.trustProxy ?? 0),
    authenticate(db, clock),
  );
  app.use(overviewRoutes(db, clock));
  app.use(authRoutes(db, clock, dependencies.accessChanges, dependencies.namesKey));
  app.use(pairingRoutes(db, clock, dependencies.accessChanges));
  app.use(bodiesRoutes(db, clock, dependencies.accessChanges));
  const noticeChanges = dependencies.noticeChanges ?? new NoticeChanges();
  app.use(meetingsRoutes(db, clock, dependencies.accessChanges, noticeChanges));
  app.use(documentsRoutes(db, clock, dependencies.documents, noticeChanges));
  app.use(noticeRoutes(db, clock, dependencies.logKey));
  app.use(auditRoutes(db));
  app.use(papersRoutes(db, dependencies.logKey));
  app.use(connectionPointsRoutes(db, dependencies.accessChanges, video));
  app.use(provinceRoutes(db, clock, dependencies.accessChanges));
  app.use(daySummaryRoutes(db, clock, dependencies.logKey, logger));
  app.use('/api', apiNotFound);
  app.use(apiErrorHandler(logger));
  if (dependencies.webHandler) app.use(dependencies.webHandler);
  return app;
}
