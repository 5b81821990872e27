import { describe, expect, it } from 'vitest';
import { embedSnippet, expiryOf, linkHint, publicLinkUrl } from './share-links';

describe('share links', () => {
  it('makes the page path an address on this origin', () => {
    expect(publicLinkUrl('/public/dashboards/abc.def', 'https://studio.example.com')).toBe(
      'https://studio.example.com/public/dashboards/abc.def',
    );
  });

  it('embeds the address in an iframe with its attributes escaped', () => {
    const snippet = embedSnippet('https://s.example/public/dashboards/a?x=1&y="2"', 'Sales <EU>');
    expect(snippet).toContain(
      'src="https://s.example/public/dashboards/a?x=1&amp;y=&quot;2&quot;"',
    );
    expect(snippet).toContain('title="Sales &lt;EU&gt;"');
    expect(snippet.startsWith('<iframe ')).toBe(true);
    expect(snippet.endsWith('</iframe>')).toBe(true);
  });

  it('lets a link work to the end of the chosen day, local time', () => {
    const sent = expiryOf('2030-01-31');
    expect(sent).toBe(new Date(2030, 1, 1).toISOString());
    expect(expiryOf('2030-12-31')).toBe(new Date(2031, 0, 1).toISOString());
  });

  it('sends no expiry for an empty day and refuses a day that does not exist', () => {
    expect(expiryOf('')).toBeNull();
    expect(expiryOf('2030-02-30')).toBeUndefined();
    expect(expiryOf('31/01/2030')).toBeUndefined();
  });

  it('shows a listed link by its first characters', () => {
    expect(linkHint('3q2-7w')).toBe('/public/dashboards/3q2-7w…');
  });
});
