// #16 the Versions tab's address: "#/plan/<id>/versions", and "?new=1" (where
// Ctrl/Cmd+S goes) which opens the Save version form; both survive a round trip.
import { expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../renderer/app/route';

it('reads and writes the Versions tab, with and without the Save version form', () => {
  expect(parseRoute('#/plan/abc/versions')).toEqual({ view: 'plan', planId: 'abc', tab: 'versions' });
  expect(parseRoute('#/plan/abc/versions?new=1')).toEqual({ view: 'plan', planId: 'abc', tab: 'versions', newVersion: true });
  expect(parseRoute('#/plan/abc/versions?new=0')).toEqual({ view: 'plan', planId: 'abc', tab: 'versions' });
  expect(formatRoute({ view: 'plan', planId: 'abc', tab: 'versions', newVersion: true })).toBe('#/plan/abc/versions?new=1');
  expect(formatRoute({ view: 'plan', planId: 'abc', tab: 'versions' })).toBe('#/plan/abc/versions');
  expect(parseRoute(formatRoute({ view: 'plan', planId: 'a b', tab: 'versions', newVersion: true }))).toEqual({
    view: 'plan',
    planId: 'a b',
    tab: 'versions',
    newVersion: true,
  });
});
