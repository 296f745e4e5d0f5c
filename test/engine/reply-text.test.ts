// A handler may answer with its JSON text alone (`bodyText` without `body`): sent and journaled as written, and a
// contract check reads the object back from it, so a reply that breaks the spec is still noted.
import { describe, expect, it } from 'vitest';
import { Twin } from '../../src/core/twin.js';
import { petsDefinition } from './fixture-twin.js';

function setup(text: string, contractCheck: boolean) {
  const twin = new Twin(petsDefinition({ handlers: { getPet: () => ({ status: 200, bodyText: text }) } }), { seed: 'test', contractCheck });
  const call = () => twin.fetch(new Request('http://pets.test/t/a/v1/pets/p1', { headers: { authorization: 'Key key-a' } }));
  return { twin, call };
}

describe('a reply given as text alone', () => {
  for (const contractCheck of [false, true]) {
    it(`is sent and journaled as written (contract check ${contractCheck ? 'on' : 'off'})`, async () => {
      const text = '{"id":"p1","name":"Rex","tags":["a"]}';
      const { twin, call } = setup(text, contractCheck);
      const res = await call();
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.text()).toBe(text);
      const [entry] = twin.journal.query({ operationId: 'getPet' });
      expect(entry.response.body).toEqual({ id: 'p1', name: 'Rex', tags: ['a'] });
      expect(entry.notes ?? []).toEqual([]);
      await twin.close();
    });
  }

  it('is contract-checked as the object its text reads back as', async () => {
    const { twin, call } = setup('{"id":"p1","name":"","age":-1}', true);
    expect((await call()).status).toBe(200);
    const notes = twin.journal.query({ operationId: 'getPet' })[0].notes ?? [];
    expect(notes.some((n) => n.startsWith('contract getPet 200 /name'))).toBe(true);
    expect(notes.some((n) => n.startsWith('contract getPet 200 /age'))).toBe(true);
    await twin.close();
  });
});
