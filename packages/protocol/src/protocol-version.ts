/**
 * Bumped on every change that an older client cannot read; the server refuses a client
 * whose version differs and tells it to reload.
 */
export const PROTOCOL_VERSION = 4;
