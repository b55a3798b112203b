import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES, TEMPLATES_DIR } from './workflows.js';

interface Properties {
  name?: unknown;
  description?: unknown;
  iconName?: unknown;
  categories?: unknown;
  filePatterns?: unknown;
}

describe.each(TEMPLATES)('%s properties', (template) => {
  const base = template.replace(/\.yml$/, '');
  const file = path.join(TEMPLATES_DIR, `${base}.properties.json`);
  const properties = JSON.parse(readFileSync(file, 'utf8')) as Properties;

  it('has a name and a description', () => {
    expect(typeof properties.name).toBe('string');
    expect(String(properties.name).trim()).not.toBe('');
    expect(typeof properties.description).toBe('string');
    expect(String(properties.description).length).toBeGreaterThan(20);
  });

  it('names an icon that exists: an SVG beside it or an octicon', () => {
    const icon = String(properties.iconName ?? '');
    if (icon.startsWith('octicon ')) {
      expect(icon).toMatch(/^octicon [a-z0-9-]+$/);
    } else {
      const svg = path.join(TEMPLATES_DIR, `${icon}.svg`);
      expect(existsSync(svg)).toBe(true);
      expect(readFileSync(svg, 'utf8')).toMatch(/^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    }
  });

  it('lists categories', () => {
    expect(Array.isArray(properties.categories)).toBe(true);
    expect((properties.categories as unknown[]).length).toBeGreaterThan(0);
    for (const category of properties.categories as unknown[]) expect(typeof category).toBe('string');
  });

  it('has filePatterns that are valid regular expressions', () => {
    expect(Array.isArray(properties.filePatterns)).toBe(true);
    for (const pattern of properties.filePatterns as unknown[]) {
      expect(typeof pattern).toBe('string');
      expect(() => new RegExp(pattern as string)).not.toThrow();
    }
  });
});
