// fontkit ships no typings: the little the renderer uses of a font it opens once and hands to pdfkit.
declare module 'fontkit' {
  export interface Font {
    characterSet: number[];
    glyphForCodePoint(codePoint: number): object;
  }
  export function openSync(path: string): Font;
}
