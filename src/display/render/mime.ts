/** A Jupyter MIME bundle: MIME type → data (a string, or a JSON object for JSON types). */
export type MimeBundle = Record<string, unknown>;
