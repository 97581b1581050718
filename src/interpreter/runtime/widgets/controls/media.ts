// Image: bytes shown in the page, sent as a binary buffer (never base64 in JSON).
import { DOMWidget } from '../dom';
import { bytes, str } from '../traits';
import { defineWidget } from '../widget';

/**
 * An image from its encoded bytes: `widgets.Image({ value: pngBytes, format: 'png', width: '200' })`. Setting
 * `value` replaces it in place; the bytes travel as a binary buffer.
 */
export class Image extends DOMWidget {
  declare value: Uint8Array;
  declare format: string;
  declare width: string;
  declare height: string;

  override toString(): string {
    return `Image(format='${this.format}', ${this.value.byteLength} bytes)`;
  }
}
defineWidget(Image, {
  model: 'ImageModel',
  view: 'ImageView',
  traits: { value: bytes(), format: str('png'), width: str(''), height: str('') },
});
