export * from './layouts.ts';
export * from './paper.ts';
export * from './render-docx.ts';
export * from './render-pdf.ts';
export * from './sitting-papers.ts';
export * from './proceedings.ts';
export * from './minutes-paper.ts';
export * from './notice-paper.ts';
