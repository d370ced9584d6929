import {
  apiErrorSchema,
  documentViewSchema,
  type DocumentView,
  type NewDocumentQuery,
} from '@hopxa/protocol';
import { ApiRequestError } from '#lib/api.ts';

/**
 * Files a paper: the PDF itself as the request's body (the server streams it to storage),
 * its description in the query. Through XMLHttpRequest rather than fetch: only it reports an
 * upload's progress, which a secretary sending a 40 MB report wants to see.
 */
export function uploadPaper(
  meetingId: string,
  file: File,
  description: Omit<NewDocumentQuery, 'fileName'>,
  onProgress: (sent: number, total: number) => void,
): Promise<DocumentView> {
  const query = new URLSearchParams({
    title: description.title,
    kind: description.kind,
    audience: description.audience,
    fileName: file.name,
    ...(description.agendaItemId && { agendaItemId: description.agendaItemId }),
  });
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/meetings/${encodeURIComponent(meetingId)}/documents?${query}`);
    request.setRequestHeader('content-type', 'application/pdf');
    request.setRequestHeader('accept', 'application/json');
    // Errors come back in the interface's language, as for every other call.
    request.setRequestHeader('accept-language', 'vi');
    request.upload.onprogress = (event) => onProgress(event.loaded, event.total || file.size);
    request.onerror = () => reject(new ApiRequestError(0, { code: 'offline', message: '' }, null));
    request.onload = () => {
      let body: unknown = null;
      try {
        body = request.responseText === '' ? null : JSON.parse(request.responseText);
      } catch {
        // A proxy's error page: worded as unexpected below.
      }
      if (request.status === 201) {
        resolve(documentViewSchema.parse(body));
        return;
      }
      const error = apiErrorSchema.safeParse(body);
      reject(
        new ApiRequestError(
          request.status,
          error.success ? error.data : { code: 'unknown', message: '' },
          body,
        ),
      );
    };
    request.send(file);
  });
}
