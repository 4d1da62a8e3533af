import { describe, expect, it } from 'vitest';
import { packageFiles } from './package-app.js';
import { unzip, zip } from './zip.js';

const APP = '6f2c0b7e-1c1d-4a8e-9d3b-2a7f5e1c9b40';

/** Width and height from a PNG's IHDR chunk. */
const pngSize = (png: Buffer | undefined) =>
  png ? [png.readUInt32BE(16), png.readUInt32BE(20)] : [];

describe('the Teams app package', () => {
  it('holds the manifest with the app id and host filled in, and icons of the sizes Teams wants', () => {
    const files = unzip(zip(packageFiles(APP, 'sla.example.com')));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(files['manifest.json']?.toString() ?? '{}');
    expect(manifest.id).toBe(APP);
    expect(manifest.bots[0].botId).toBe(APP);
    expect(manifest.validDomains).toEqual(['sla.example.com']);
    expect(JSON.stringify(manifest)).not.toContain('{{');
    expect(pngSize(files['color.png'])).toEqual([192, 192]);
    expect(pngSize(files['outline.png'])).toEqual([32, 32]);
    for (const c of manifest.bots[0].commandLists[0].commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
    }
  });

  it('names every bad argument', () => {
    expect(() => packageFiles('not-a-guid', 'https://x/y')).toThrow(/--app-id[\s\S]*--host/);
  });
});
