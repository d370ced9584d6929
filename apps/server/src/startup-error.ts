import { DataDirInUseError, DataDirUnwritableError } from '@hopxa/db';
import { ConfigError } from './env.ts';

/** A start that cannot go on; its message is the one line the operator reads. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * Turns whatever stopped the start into one line that says what to fix, Vietnamese first.
 * Anything unforeseen still gets a sentence; its stack goes to the debug log, not the screen.
 */
export function describeStartupFailure(error: unknown): string {
  if (error instanceof StartupError || error instanceof ConfigError) return error.message;
  if (error instanceof DataDirInUseError) {
    return (
      `Thư mục dữ liệu ${error.dataDir} đang được tiến trình ${error.pid} sử dụng: dừng tiến trình đó hoặc đặt DATA_DIR khác. ` +
      `(The data folder is in use by process ${error.pid}: stop it or set another DATA_DIR.)`
    );
  }
  if (error instanceof DataDirUnwritableError) {
    return (
      `Không ghi được vào thư mục dữ liệu ${error.dataDir}: cấp quyền ghi hoặc đặt DATA_DIR là một thư mục ghi được. ` +
      `(The data folder cannot be written: make it writable or set DATA_DIR to a writable folder.)`
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return `Không khởi động được máy chủ: ${message} (the server could not start)`;
}

/** The line for a listen() failure on `port`. */
export function describeListenFailure(error: NodeJS.ErrnoException, port: number): StartupError {
  switch (error.code) {
    case 'EADDRINUSE':
      return new StartupError(
        `Cổng ${port} đang được chương trình khác sử dụng: dừng chương trình đó hoặc đặt PORT khác (ví dụ PORT=3001). ` +
          `(Port ${port} is in use: stop the other program or set another PORT.)`,
      );
    case 'EACCES':
      return new StartupError(
        `Không được phép mở cổng ${port}: chọn cổng từ 1024 trở lên bằng PORT. ` +
          `(Not allowed to open port ${port}: choose PORT 1024 or above.)`,
      );
    default:
      return new StartupError(
        `Không mở được cổng ${port}: ${error.message}. (Could not listen on port ${port}.)`,
      );
  }
}

/** The line for a database or Redis that cannot be reached at start. */
export function describeConnectionFailure(
  service: 'Postgres' | 'Redis',
  url: string,
  error: unknown,
): StartupError {
  const { host } = new URL(url);
  const reason = error instanceof Error ? error.message : String(error);
  const variable = service === 'Postgres' ? 'DATABASE_URL' : 'REDIS_URL';
  return new StartupError(
    `Không kết nối được ${service} tại ${host} (${reason}): kiểm tra ${variable} và máy chủ ${service} đã chạy chưa. ` +
      `(Cannot reach ${service} at ${host}: check ${variable} and that the server is running.)`,
  );
}
