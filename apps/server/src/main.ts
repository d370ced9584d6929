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

// Signals are handled from the first moment: a stop asked for during the start waits for
// the start to finish (so nothing is left half-open) and then closes cleanly.
let requestStop: () => void = () => {};
const stopSignal = new Promise<void>((resolve) => (requestStop = resolve));
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    logger.info({ signal }, 'stopping');
    requestStop();
  });
}

let started = false;
try {
  const server = await startServer(env, logger, await loadWebHandler());
  started = true;
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

  await stopSignal;
  await server.close();
  process.exit(0);
} catch (error) {
  if (started) {
    logger.error({ err: error }, 'stop failed');
    process.exit(1);
  }
  logger.debug({ err: error }, 'start failed');
  exitNow(describeStartupFailure(error));
}

async function loadWebHandler(): Promise<RequestHandler> {
  try {
    return (await import('@hopxa/web/handler')).handler;
  } catch (error) {
    throw new StartupError(
      'Chưa có bản build của giao diện web: chạy npm start (tự build) hoặc pnpm build. ' +
        `(The web app is not built: run npm start, which builds it, or pnpm build.) [${(error as Error).message}]`,
    );
  }
}
