import type { Database } from '@hopxa/db';
import { signInRequestSchema } from '@hopxa/protocol';
import { Router } from 'express';
import { HttpError } from '../http/http-error.ts';
import { parseInput } from '../http/validate.ts';
import { accountSummary } from './account-summary.ts';
import { loadActor } from './actor.service.ts';
import { requireAuth } from './authorize.ts';
import { auditActor, clientAddress } from './request-auth.ts';
import { clearSessionCookie, setSessionCookie } from './session-cookie.ts';
import type { AccessChanges } from './access-changes.ts';
import { signIn } from './sign-in.service.ts';
import { signOut, signOutEverywhere } from './sign-out.service.ts';

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
    const actor = await loadActor(db, result.account, clock());
    response.json({ account: await accountSummary(db, result.account, actor, false) });
  });

  router.get('/api/auth/me', async (request, response) => {
    const { account, actor, session } = requireAuth(request);
    response.json({
      account: await accountSummary(db, account, actor, session.kind === 'tablet'),
    });
  });

  router.post('/api/auth/sign-out', async (request, response) => {
    const auth = request.auth;
    if (auth) {
      await signOut(db, auditActor(request, auth, auth.account.organisationId), auth.session.id);
      accessChanges.revokeSessions([auth.session.id]);
    }
    clearSessionCookie(request, response);
    response.status(204).end();
  });

  router.post('/api/auth/sign-out-everywhere', async (request, response) => {
    const auth = requireAuth(request);
    const ended = await signOutEverywhere(
      db,
      auditActor(request, auth, auth.account.organisationId),
    );
    accessChanges.revokeSessions(ended);
    clearSessionCookie(request, response);
    response.json({ signedOut: ended.length });
  });

  return router;
}
