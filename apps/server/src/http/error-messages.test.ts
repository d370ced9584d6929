import { WIRE_ERROR_CODES } from '@hopxa/protocol';
import { describe, expect, it } from 'vitest';
import { ERROR_MESSAGES } from './error-messages.ts';

describe('the sentences of refusals', () => {
  it('W1 every refusal a client can get has a sentence in both languages, none speaking of seats', () => {
    for (const code of WIRE_ERROR_CODES) {
      const message = ERROR_MESSAGES[code];
      expect(message.vi, code).toMatch(/\S/);
      expect(message.en, code).toMatch(/\S/);
    }
    const vietnamese = Object.values(ERROR_MESSAGES).map((message) => message.vi);
    expect(vietnamese.filter((sentence) => /ghế/i.test(sentence))).toEqual([]);
  });
});
