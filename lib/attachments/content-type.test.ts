import { describe, expect, it } from 'vitest';
import { decideFile, detectType } from './content-type';
import { DEFAULT_ALLOWED_TYPES, type AttachmentPolicy } from './limits';
import { PDF, PNG_16 } from './test-files';


const policy: AttachmentPolicy = { maxFileSizeMb: 1, allowedTypes: DEFAULT_ALLOWED_TYPES, contactsEnabled: true };

describe('detectType: the type comes from the bytes', () => {
  it('a PNG is image/png', async () => {
    expect(await detectType(PNG_16)).toEqual({ mime: 'image/png' });
  });
  it('a PDF is application/pdf', async () => {
    expect(await detectType(PDF)).toEqual({ mime: 'application/pdf' });
  });
  it('HTML (whatever it is named) is HTML and refused', async () => {
    const html = Buffer.from('<!DOCTYPE html><html><body><script>alert(1)</script></body></html>');
    expect(await detectType(html)).toEqual({ refusal: 'typeNotAllowed', mime: 'text/html' });
    expect(await decideFile(policy, html, true)).toEqual({ refusal: 'typeNotAllowed' });
    // markup after some harmless text is still markup
    expect(await detectType(Buffer.from('hello\n<script>alert(1)</script>'))).toMatchObject({ refusal: 'typeNotAllowed' });
  });
  it('an SVG, with or without the XML prolog, is refused', async () => {
    expect(await detectType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>'))).toEqual({ refusal: 'typeNotAllowed', mime: 'image/svg+xml' });
    expect(await detectType(Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>'))).toEqual({ refusal: 'typeNotAllowed', mime: 'image/svg+xml' });
  });
  it('an empty file is refused', async () => {
    expect(await detectType(new Uint8Array())).toEqual({ refusal: 'empty' });
    expect(await decideFile(policy, new Uint8Array(), true)).toEqual({ refusal: 'empty' });
  });
  it('a truncated image is refused (cut in the data or in the header)', async () => {
    expect(await detectType(PNG_16.subarray(0, PNG_16.length - 10))).toEqual({ refusal: 'truncated', mime: 'image/png' });
    expect(await detectType(PNG_16.subarray(0, 12))).toEqual({ refusal: 'truncated' });
  });
  it('plain UTF-8 text is text/plain; binary noise is not allowed', async () => {
    expect(await detectType(Buffer.from('Order 1234 — reçu\n'))).toEqual({ mime: 'text/plain' });
    expect(await detectType(Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0x00]))).toMatchObject({ refusal: 'typeNotAllowed' });
  });
});

describe('decideFile: the policy', () => {
  it('accepts an allowed type and refuses one the admin removed', async () => {
    expect(await decideFile(policy, PDF, true)).toEqual({ mime: 'application/pdf' });
    expect(await decideFile({ ...policy, allowedTypes: ['image/png'] }, PDF, true)).toEqual({ refusal: 'typeNotAllowed' });
  });
  it('refuses a file over the size limit and contacts when switched off (staff still may send)', async () => {
    expect(await decideFile({ ...policy, maxFileSizeMb: 1 }, Buffer.alloc(1024 * 1024 + 1, 0x61), true)).toEqual({ refusal: 'tooLarge' });
    expect(await decideFile({ ...policy, contactsEnabled: false }, PDF, true)).toEqual({ refusal: 'disabled' });
    expect(await decideFile({ ...policy, contactsEnabled: false }, PDF, false)).toEqual({ mime: 'application/pdf' });
  });
});
