// fontkit ships no typings; the renderer only opens a font once and hands it to pdfkit, which knows its shape.
declare module 'fontkit' {
  export function openSync(path: string): object;
}
