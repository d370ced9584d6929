// `pnpm dev`: Vite's dev server for the web app with hot reload, and on the same port the
// Express routes and Socket.IO, attached by a plugin's configureServer hook.
import type { Server as HttpServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { createServer, type Plugin } from 'vite';
import { loadEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { composeServer, startVideo } from './server.ts';
import { openServices } from './services.ts';
import { describeStartupFailure } from './startup-error.ts';

const webRoot = fileURLToPath(new URL('../../web/', import.meta.url));

try {
  const env = loadEnv(process.env);
  const logger = createLogger(env.LOG_LEVEL);
  const services = await openServices(env, logger);
  const videoRouter = env.VIDEO ? await startVideo(env, logger, services) : null;
  const { app, attach } = composeServer(env, services, logger, undefined, videoRouter);

  const attachServer: Plugin = {
    name: 'hopxa-server',
    enforce: 'pre',
    configureServer(server) {
      // Our routes first; what they do not answer falls through to SvelteKit.
      server.middlewares.use(app);
      // Vite's own HMR websocket shares the server, so leave upgrades we do not own alone.
      attach(server.httpServer as HttpServer, { destroyUpgrade: false });
      server.httpServer?.once('close', () => {
        void videoRouter?.stop();
        void services.close();
      });
    },
  };

  const vite = await createServer({
    root: webRoot,
    configFile: `${webRoot}vite.config.ts`,
    server: { port: env.PORT, strictPort: true, ...(env.HOST && { host: env.HOST }) },
    plugins: [attachServer],
  });
  await vite.listen();
  vite.printUrls();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, async () => {
      await vite.close();
      process.exit(0);
    });
  }
} catch (error) {
  process.stderr.write(`${describeStartupFailure(error)}\n`);
  process.exit(1);
}
