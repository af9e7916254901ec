// Small real files for the attachment tests (unit, db and e2e).

/** A real 16×16 red PNG (IHDR, IDAT, IEND). */
export const PNG_16 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAQCAIAAACQkWg2AAAAFklEQVR4nGP4z8BAEmIY1TCqYfhqAABm1v8R0zH4VQAAAABJRU5ErkJggg==',
  'base64',
);
/** A minimal PDF (signature and trailer). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
