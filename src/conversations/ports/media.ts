/** A file travelling in a help chat, as bytes (platform URLs expire, so none are passed on). */
export interface MediaFile {
  filename: string;
  contentType: string;
  data: Buffer;
}
