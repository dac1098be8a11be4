import { describe, expect, it } from 'vitest';
import { describeAnswer } from '../../../../src/adapters/ovirt/answer-kind.js';

describe('Function: describeAnswer', () => {
  it.each([
    ['an empty body', undefined, undefined, 'an empty body'],
    ['a login page', '<!DOCTYPE html><html><input name="csrf" value="s3cr3t"></html>', 'text/html; charset=UTF-8', 'an HTML page (text/html)'],
    ['an HTML page sent as text/plain', '<html><body>x</body></html>', 'text/plain', 'an HTML page (text/plain)'],
    ['an XML action', '<?xml version="1.0"?><action><status>failed</status></action>', 'application/xml', 'an XML document (application/xml)'],
    ['broken JSON', '{"status": "compl', 'application/json', 'a body that is not valid JSON (application/json)'],
    ['plain text', 'OK', 'text/plain', 'plain text (text/plain)'],
    ['an empty object', {}, 'application/json', 'an empty object (application/json)'],
    ['an empty array', [], 'application/json', 'an empty JSON array (application/json)'],
    ['an object', { status: 'pending' }, 'application/json', 'a JSON object (application/json)'],
    ['a bare value', 42, 'application/json', 'a bare JSON value (application/json)'],
  ])('names %s by its kind only', (_label, body, contentType, expected) => {
    // Prepare
    const answer = { body, contentType };

    // Act
    const named = describeAnswer(answer);

    // Assess
    expect(named).toBe(expected);
  });

  it('leaves out a content type that is not a plain media type, since it could carry anything', () => {
    // Prepare
    const answer = { body: 'x', contentType: 'text/plain<script>token=abc</script>' };

    // Act
    const named = describeAnswer(answer);

    // Assess
    expect(named).toBe('plain text');
  });
});
