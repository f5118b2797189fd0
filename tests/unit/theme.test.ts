import { describe, expect, it } from 'vitest';
import { isDarkColor, platformTheme } from '../../lib/content/theme';

describe('platform theme', () => {
  it('reads dark and light backgrounds, and ignores transparent ones', () => {
    expect(isDarkColor('rgb(0, 0, 0)')).toBe(true);
    expect(isDarkColor('rgb(21, 32, 43)')).toBe(true); // X "dim"
    expect(isDarkColor('rgb(255, 255, 255)')).toBe(false);
    expect(isDarkColor('rgba(0, 0, 0, 0)')).toBeNull();
    expect(isDarkColor('transparent')).toBeNull();
  });

  it('takes the page body background', () => {
    document.body.style.backgroundColor = 'rgb(0, 0, 0)';
    expect(platformTheme(document)).toBe('dark');
    document.body.style.backgroundColor = 'rgb(255, 255, 255)';
    expect(platformTheme(document)).toBe('light');
  });
});
