import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSfu, type VideoRouter } from '@hopxa/sfu';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { RequestHandler } from 'express';
import { createApp } from './app.ts';
import { AccessChanges } from './auth/access-changes.ts';
import type { Env } from './env.ts';
import type { Logger } from './logger.ts';
import { attachRealtime } from './realtime/attach-realtime.ts';
import { openServices, type Services } from './services.ts';
import { describeListenFailure } from './startup-error.ts';
import { VideoDesk } from './video/video-desk.ts';
import { documentStorageFrom } from './documents/storage/document-storage.ts';
import { ServingPace } from './documents/serving-pace.ts';
import { removeAbandonedParts } from './documents/abandoned-parts.ts';
import { documentSizeLimitBytes, UPLOAD_FOLDER } from './documents/upload-intake.ts';
import { NoticeChanges } from './meetings/notice-changes.ts';

export type RunningServer = {
  readonly port: number;
  readonly storage: string;
  /** Stops accepting, lets requests in flight finish (8 s at most), closes the database. */
  readonly close: () => Promise<void>;
};

const DRAIN_LIMIT_MS = 8000;

/**
 * The HTTP app and the realtime side over opened services, wired to the same session
 * accessChanges; the production server and `pnpm dev` each put them on their own http server.
 */
export function composeServer(
  env: Env,
  services: Services,
  logger: Logger,
  webHandler?: RequestHandler,
  videoRouter: VideoRouter | null = null,
) {
  const accessChanges = new AccessChanges();
  const db = services.database.db;
  const video = new VideoDesk({
    db,
    router: videoRouter,
    logger,
    ...(services.redis && { redis: services.redis }),
  });
  const noticeChanges = new NoticeChanges();
  const storage = documentStorageFrom(env);
  const app = createApp({
    video,
    noticeChanges,
    documents: {
      storage,
      sizeLimitBytes: documentSizeLimitBytes(env),
      pace: new ServingPace(env.DOCUMENTS_SEND_MB_PER_SECOND * 1024 * 1024),
    },
    db,
    logger,
    accessChanges,
    namesKey: services.keys.names,
    logKey: services.keys.log,
    trustProxy: env.TRUST_PROXY,
    readinessChecks: services.readinessChecks,
    ...(webHandler && { webHandler }),
  });
  // Several processes share rooms through Redis streams; the adapter reads on a client of its own.
  const adapter = services.redis ? createAdapter(services.redis) : undefined;
  const attach = (httpServer: http.Server, options: { destroyUpgrade: boolean }) =>
    attachRealtime(httpServer, {
      db,
      logger,
      accessChanges,
      keys: services.keys,
      trustProxy: env.TRUST_PROXY,
      video,
      noticeChanges,
      ...(adapter && { adapter }),
      ...options,
    });
  return { app, attach, storage };
}

/**
 * One process, one port: the REST API, Socket.IO and the built web app on one http server.
 *
 * @example
 * const server = await startServer(loadEnv(process.env), logger, webHandler);
 * await server.close();
 */
export async function startServer(
  env: Env,
  logger: Logger,
  webHandler?: RequestHandler,
): Promise<RunningServer> {
  const services = await openServices(env, logger);
  const videoRouter = env.VIDEO ? await startVideo(env, logger, services) : null;
  const { app, attach, storage } = composeServer(env, services, logger, webHandler, videoRouter);
  const httpServer = http.createServer(app);
  const io = attach(httpServer, { destroyUpgrade: true });

  try {
    await new Promise<void>((resolve, reject) => {
      httpServer.once('error', reject);
      httpServer.listen(env.PORT, env.HOST, () => {
        httpServer.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await videoRouter?.stop();
    await services.close();
    throw describeListenFailure(error as NodeJS.ErrnoException, env.PORT);
  }

  // What uploads cut short by a crash left behind, cleared in the background.
  removeAbandonedParts(
    { uploads: UPLOAD_FOLDER, stored: storage.kind === 'disk' ? storage.location : null },
    new Date(),
  ).then(
    (removed) => {
      if (removed > 0) logger.info({ removed }, 'removed the files of uploads cut short');
    },
    (error: unknown) => logger.warn({ err: error }, 'files of uploads cut short not removed'),
  );

  let closing: Promise<void> | undefined;
  return {
    port: (httpServer.address() as AddressInfo).port,
    storage: services.storage,
    close: () => {
      closing ??= (async () => {
        const force = setTimeout(() => httpServer.closeAllConnections(), DRAIN_LIMIT_MS);
        // io.close() disconnects every socket, then closes the http server, which waits for
        // the requests in flight.
        await new Promise<void>((resolve) => io.close(() => resolve()));
        clearTimeout(force);
        await videoRouter?.stop();
        await services.close();
      })();
      return closing;
    },
  };
}

/** The SFU in its child process; the services are closed if it cannot start. */
export async function startVideo(
  env: Env,
  logger: Logger,
  services: Services,
): Promise<VideoRouter> {
  try {
    return await startSfu({
      ...(env.VIDEO_UDP_PORTS && {
        portRangeBegin: env.VIDEO_UDP_PORTS.first,
        portRangeEnd: env.VIDEO_UDP_PORTS.last,
      }),
      priority: env.VIDEO_PRIORITY,
      logger: (level, message) =>
        logger[level === 'error' ? 'error' : 'warn']({ sfu: true }, message),
    });
  } catch (error) {
    await services.close();
    throw error;
  }
}
