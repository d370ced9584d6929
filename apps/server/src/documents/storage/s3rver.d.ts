// s3rver ships no types; these are the few parts the storage tests use (s3rver 3.7).
declare module 's3rver' {
  import type { Server } from 'node:http';

  type S3rverOptions = {
    readonly address?: string;
    /** 0 picks a free port; run() answers the one taken. */
    readonly port?: number;
    readonly silent?: boolean;
    /** Where the buckets' objects are kept, as files. */
    readonly directory?: string;
    readonly resetOnClose?: boolean;
    readonly configureBuckets?: readonly {
      readonly name: string;
      readonly configs?: readonly string[];
    }[];
  };

  export default class S3rver {
    constructor(options?: S3rverOptions);
    readonly httpServer?: Server;
    run(): Promise<{ readonly address: string; readonly port: number }>;
    close(): Promise<void>;
  }
}
