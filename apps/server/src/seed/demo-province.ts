import { foldVietnamese } from '@hopxa/domain';
import { DEMO_PROVINCE } from './demo-commune.ts';

/**
 * More communes and wards of the demo province, by their names after the 2025 merger (Nghị
 * quyết 1683/NQ-UBTVQH15), so its board has a province's breadth; their people are made up
 * (`fictionalNames`) and they have no accounts. Every name sorts after "Phường Sông Công" in
 * any collation, so the demo ward stays the first commune the overview lists (a system
 * administrator's setup opens on it).
 */
// prettier-ignore
export const DEMO_OTHER_COMMUNES: readonly string[] = [
  'Phường Tích Lương', 'Phường Trung Thành', 'Phường Vạn Xuân',
  'Xã An Khánh', 'Xã Ba Bể', 'Xã Bình Thành', 'Xã Bình Yên', 'Xã Dân Tiến', 'Xã Đại Phúc',
  'Xã Định Hóa', 'Xã Đức Lương', 'Xã Kim Phượng', 'Xã La Bằng', 'Xã La Hiên', 'Xã Lam Vỹ',
  'Xã Phú Lạc', 'Xã Phú Lương', 'Xã Phú Thịnh', 'Xã Phú Xuyên', 'Xã Phượng Tiến',
  'Xã Quân Chu', 'Xã Quang Sơn', 'Xã Tân Cương', 'Xã Thần Sa', 'Xã Thành Công',
  'Xã Trại Cau', 'Xã Tràng Xá', 'Xã Trung Hội', 'Xã Vạn Phú',
];

/** "Xã Đại Từ" → "thai-nguyen/dai-tu", as the demo ward's code is made. */
export function demoCommuneCode(name: string): string {
  const place = name.split(' ').slice(1).join(' ');
  return `${DEMO_PROVINCE.code}/${foldVietnamese(place).replaceAll(' ', '-')}`;
}
