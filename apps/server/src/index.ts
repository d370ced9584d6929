export { createApp } from './app.ts';
export { loadEnv, type Env } from './env.ts';
export { createLogger } from './logger.ts';
export { startServer, type RunningServer } from './server.ts';
