import { writeFileSync } from 'node:fs';
import { renderFixtures } from '../fixtures/fixtures-doc';
import { renderImplemented } from '../products/implemented';

// Writes IMPLEMENTED.md and FIXTURES.md at the package root.
const root = new URL('../../', import.meta.url);
writeFileSync(new URL('IMPLEMENTED.md', root), renderImplemented());
writeFileSync(new URL('FIXTURES.md', root), renderFixtures());
console.log('wrote IMPLEMENTED.md and FIXTURES.md');
