import type { Database } from '@hopxa/db';
import { signInRequestSchema } from '@hopxa/protocol';
import { Router } from 'express';
import { recordAudit } from '../audit/audit.service.ts';
import { HttpError } from '../http/http-error.ts';
import { parseInput } from '../http/validate.ts';
import { accountSummary } from './account-summary.ts';
import { requireAuth } from './authorize.ts';
import { clientAddress } from './request-auth.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';
import type { AccessChanges } from './access-changes.ts';
import { invalidateAllSessions, invalidateSession } from './session.service.ts';
import { signIn } from './sign-in.service.ts';

/** Sign-in, the current account, sign-out here and everywhere. */
export function authRoutes(
  db: Database,
  clock: () => Date,
  accessChanges: AccessChanges,
  /** Hides names no account has in the attempts table (see `ServerKeys.names`). */
  namesKey: Buffer,
): Router {
  const router = Router();

  router.post('/api/auth/sign-in', async (request, response) => {
    const input = parseInput(request, signInRequestSchema, request.body);
    const result = await signIn(
      db,
      namesKey,
      // A device already signed in (a paired tablet) is never held back by the account-wide limit.
      { ...input, address: clientAddress(request), trusted: Boolean(request.auth) },
      clock(),
    );
    if (!result.ok)
      throw new HttpError(result.reason === 'rate_limited' ? 429 : 401, result.reason);
    setSessionCookie(request, response, result.token, result.expiresAt);
    response.json({ account: accountSummary(result.account) });
  });

  router.get('/api/auth/me', (request, response) => {
    response.json({ account: accountSummary(requireAuth(request).account) });
  });

  router.post('/api/auth/sign-out', async (request, response) => {
    const auth = request.auth;
    if (auth) {
      await invalidateSession(db, auth.session.id);
      accessChanges.revokeSessions([auth.session.id]);
      await recordAudit(db, {
        actorAccountId: auth.account.id,
        organisationId: auth.account.organisationId,
        action: 'auth.sign_out',
        targetType: 'session',
        targetId: auth.session.id,
        address: clientAddress(request),
      });
    }
    clearSessionCookie(request, response);
    response.status(204).end();
  });

  router.post('/api/auth/sign-out-everywhere', async (request, response) => {
    const auth = requireAuth(request);
    const ended = await invalidateAllSessions(db, auth.account.id);
    accessChanges.revokeSessions(ended);
    await recordAudit(db, {
      actorAccountId: auth.account.id,
      organisationId: auth.account.organisationId,
      action: 'auth.sign_out_everywhere',
      detail: { sessions: ended.length },
      address: clientAddress(request),
    });
    clearSessionCookie(request, response);
    response.json({ signedOut: ended.length });
  });

  return router;
}
