/** A4 in millimetres. */
export const A4_MM = { width: 210, height: 297 } as const;

/**
 * Millimetres in twips (1/1440 inch), rounded: A4 is 11906 x 16838. (docx's own helper
 * rounds down and gives 11905 x 16837, which Word reads as a custom size.)
 */
export const twipsOf = (mm: number): number => Math.round((mm * 1440) / 25.4);

/** Millimetres in PDF points (1/72 inch). */
export const pointsOf = (mm: number): number => (mm * 72) / 25.4;
