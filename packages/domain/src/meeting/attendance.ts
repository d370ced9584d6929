import type { Localized } from '../localized.ts';

/** The five states of a member's attendance at a sitting (rule A1). */
export const ATTENDANCE_STATUSES = {
  notChecked: 'not_checked',
  presentInHall: 'present_in_hall',
  presentOnline: 'present_online',
  absentExcused: 'absent_excused',
  absentUnexcused: 'absent_unexcused',
} as const;

export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[keyof typeof ATTENDANCE_STATUSES];
export const ATTENDANCE_STATUS_VALUES = Object.values(ATTENDANCE_STATUSES) as [
  AttendanceStatus,
  ...AttendanceStatus[],
];

export const ATTENDANCE_STATUS_NAMES: Readonly<Record<AttendanceStatus, Localized>> = {
  not_checked: { vi: 'Chưa điểm danh', en: 'Not yet checked' },
  present_in_hall: { vi: 'Có mặt', en: 'Present' },
  present_online: { vi: 'Có mặt trực tuyến', en: 'Present online' },
  absent_excused: { vi: 'Vắng mặt có lý do', en: 'Absent, excused' },
  absent_unexcused: { vi: 'Vắng mặt không có lý do', en: 'Absent, unexcused' },
};

/** Present, in the hall or at a connection point: these count toward quorum (rule Q5). */
export function isPresent(status: AttendanceStatus): boolean {
  return status === 'present_in_hall' || status === 'present_online';
}

/** Recorded absent, with or without a reason. */
export function isAbsent(status: AttendanceStatus): boolean {
  return status === 'absent_excused' || status === 'absent_unexcused';
}
