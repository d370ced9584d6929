import { describe, expect, it } from 'vitest';
import { compareVietnameseNames } from './person-names.ts';

describe('the Vietnamese order of names', () => {
  it('N1 sorts by given name, then family name, with Đ after D, Ô after O, Ư after U and the tones in order', () => {
    const names = [
      'Trần Văn Đức',
      'Nguyễn Thị Dung',
      'Lê Văn Ơn',
      'Phạm Thị Ông',
      'Hoàng Văn Oanh',
      'Vũ Thị Ưng',
      'Đỗ Văn Uyên',
      'Bùi Thị Hạ',
      'Ngô Thị Hà',
      'Đặng Thị Hả',
      'Dương Văn Há',
      'Lý Thị Ha',
      'Nguyễn Văn Hã',
      'Đinh Văn An',
      'Đào Văn An',
      'Dư Văn An',
    ];
    expect([...names].sort(compareVietnameseNames)).toEqual([
      // The same given name: by family name, D before Đ, and Đào before Đinh.
      'Dư Văn An',
      'Đào Văn An',
      'Đinh Văn An',
      'Nguyễn Thị Dung',
      'Trần Văn Đức',
      // Ha with its tones: ngang, huyền, hỏi, ngã, sắc, nặng.
      'Lý Thị Ha',
      'Ngô Thị Hà',
      'Đặng Thị Hả',
      'Nguyễn Văn Hã',
      'Dương Văn Há',
      'Bùi Thị Hạ',
      'Hoàng Văn Oanh',
      'Phạm Thị Ông',
      'Lê Văn Ơn',
      'Đỗ Văn Uyên',
      'Vũ Thị Ưng',
    ]);
  });

  it('N1 a one-word name sorts as a given name, before a longer name with the same given name', () => {
    expect(['Thảo', 'Nguyễn Thị Thanh', 'Thanh'].sort(compareVietnameseNames)).toEqual([
      'Thanh',
      'Nguyễn Thị Thanh',
      'Thảo',
    ]);
  });
});
