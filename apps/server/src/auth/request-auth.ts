import type { Actor } from '@hopxa/domain';
import type { Request } from 'express';
import type { AuditActor } from '../audit/audit.service.ts';
import type { Account, Session } from './session.service.ts';

/** Who sent a request, once `authenticate` has looked at its cookie. */
export type RequestAuth = {
  readonly session: Session;
  readonly account: Account;
  readonly actor: Actor;
};

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Null when the request carries no live session. */
      auth?: RequestAuth | null;
    }
  }
}

/** The address rate limits and the audit log record. */
export function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}

/** The signed-in caller as the audit log records them, acting in `organisationId`. */
export function auditActor(
  request: Request,
  auth: RequestAuth,
  organisationId: string | null,
): AuditActor & { readonly accountId: string } {
  return { accountId: auth.account.id, organisationId, address: clientAddress(request) };
}
