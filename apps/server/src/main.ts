// The production entry: `npm start` ends here, after install and build.
import type { RequestHandler } from 'express';
import { loadEnv } from './env.ts';
import { createLogger } from './logger.ts';
import { DEMO_ACCOUNT } from './seed/demo-commune.ts';
import { startServer } from './server.ts';
import { describeStartupFailure, StartupError } from './startup-error.ts';

const exitNow = (line: string): never => {
  process.stderr.write(`${line}\n`);
  process.exit(1);
};

const env = (() => {
  try {
    return loadEnv(process.env);
  } catch (error) {
    return exitNow(describeStartupFailure(error));
  }
})();
const logger = createLogger(env.LOG_LEVEL);

try {
  const server = await startServer(env, logger, await loadWebHandler());
  const url = `http://localhost:${server.port}`;
  const banner = [
    `Họp Xã đang chạy tại ${url} (serving at ${url})`,
    `Dữ liệu / data: ${server.storage}`,
  ];
  if (env.SEED_DEMO) {
    banner.push(
      `Đăng nhập / sign in: tài khoản ${DEMO_ACCOUNT.username}, mật khẩu demo ghi trong README (demo password in the README)`,
    );
  }
  banner.push('Dừng / stop: Ctrl+C');
  process.stdout.write(`${banner.join('\n')}\n`);

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    try {
      await server.close();
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'stop failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  logger.debug({ err: error }, 'start failed');
  exitNow(describeStartupFailure(error));
}

async function loadWebHandler(): Promise<RequestHandler> {
  try {
    const module = (await import('@hopxa/web/handler')) as { handler: RequestHandler };
    return module.handler;
  } catch (error) {
    throw new StartupError(
      'Chưa có bản build của giao diện web: chạy npm start (tự build) hoặc pnpm build. ' +
        `(The web app is not built: run npm start, which builds it, or pnpm build.) [${(error as Error).message}]`,
    );
  }
}
