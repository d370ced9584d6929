import type { MyMeeting } from '@hopxa/protocol';

/** The screen each part in a meeting works on. */
export function screenOf(part: MyMeeting['part']) {
  switch (part) {
    case 'presiding_officer':
      return '/meetings/[meetingId]/chair' as const;
    case 'secretary':
      return '/meetings/[meetingId]/roll-call' as const;
    case 'voter':
      return '/meetings/[meetingId]/tablet' as const;
    case 'observer':
      return '/meetings/[meetingId]/follow' as const;
    case 'hall_display':
      return '/meetings/[meetingId]/hall' as const;
  }
}
