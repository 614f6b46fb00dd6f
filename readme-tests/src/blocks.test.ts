import { describe, expect, it } from 'vitest';
import { fencedBlocks, readmeBlocks } from './blocks.js';

describe('readmeBlocks', () => {
  it('finds ts blocks with their line, code and preludes', () => {
    const markdown = [
      '# Title', // 1
      '```ts', // 2
      'const a = 1;', // 3
      '```', // 4
      '<!-- readme-test: prelude=client,completed-checkout -->', // 5
      '', // 6
      '```typescript', // 7
      'await a;', // 8
      '```', // 9
    ].join('\n');
    expect(readmeBlocks(markdown)).toEqual([
      { line: 3, code: 'const a = 1;\n', preludes: [] },
      { line: 8, code: 'await a;\n', preludes: ['client', 'completed-checkout'] },
    ]);
  });

  it('unindents blocks inside list items and skips other fences', () => {
    const markdown = [
      '- item',
      '  ```ts',
      '  const x = {',
      '    y: 1,',
      '  };',
      '  ```',
      '```html',
      '```ts',
      '```',
    ];
    expect(readmeBlocks(markdown.join('\n'))).toEqual([
      { line: 3, code: 'const x = {\n  y: 1,\n};\n', preludes: [] },
    ]);
  });

  it('refuses an unknown marker setting instead of ignoring it', () => {
    expect(() => readmeBlocks('<!-- readme-test: skip -->\n```ts\nx;\n```')).toThrow(
      /unknown readme-test setting 'skip'/,
    );
  });
});

describe('fencedBlocks', () => {
  it('finds every fenced block with its language and its marker settings', () => {
    const markdown = [
      '<!-- readme-test: file=payload.json -->', // 1
      '```json', // 2
      '{}', // 3
      '```', // 4
      '<!-- readme-test: background port=4010 -->', // 5
      '```sh', // 6
      'npx @amazon-pay-ts/cli simulator --port 4010', // 7
      '```', // 8
      '```', // 9
      'plain', // 10
      '```', // 11
    ].join('\n');
    expect(fencedBlocks(markdown)).toEqual([
      { line: 3, language: 'json', code: '{}\n', settings: { file: 'payload.json' }, markerLine: 1 },
      {
        line: 7,
        language: 'sh',
        code: 'npx @amazon-pay-ts/cli simulator --port 4010\n',
        settings: { background: '', port: '4010' },
        markerLine: 5,
      },
      { line: 10, language: '', code: 'plain\n', settings: {}, markerLine: undefined },
    ]);
  });
});
