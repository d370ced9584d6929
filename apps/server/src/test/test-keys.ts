import { deriveServerKeys } from '../server-key.ts';

/**
 * The server key of every test server, in process or started as a child: one for all, so a
 * restarted server, or a second process, opens the ballots and checks the log the first one
 * made, and no key file is written outside the test's folders.
 */
export const TEST_SERVER_KEY = '5e'.repeat(32);

export const testKeys = deriveServerKeys(Buffer.from(TEST_SERVER_KEY, 'hex'));
