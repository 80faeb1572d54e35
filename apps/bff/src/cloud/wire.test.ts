import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CloudError } from '../errors/cloud-error';
import { maybeText, parseWire, textsFilled } from './wire';

const shape = { Id: z.string(), Name: maybeText, Port: z.number().nullish(), Zone: maybeText };
const Page = z.looseObject({ Items: z.array(z.object(shape)) });
const filled = textsFilled(shape);

describe('textsFilled', () => {
  it('reads an absent or null text as empty, keeps the rest, and leaves other fields alone', () => {
    const page = parseWire(Page, { Items: [{ Id: 'a', Name: null, Port: null }, { Id: 'b', Name: 'db', Zone: 'k', Extra: 1 }] }, 'List');
    expect(filled(page.Items)).toEqual([
      { Id: 'a', Name: '', Port: null, Zone: '' },
      { Id: 'b', Name: 'db', Zone: 'k' },
    ]);
  });

  it('still refuses a text of another type, naming the field', () => {
    const parse = () => parseWire(Page, { Items: [{ Id: 'a', Name: 5 }] }, 'List');
    expect(parse).toThrow(CloudError);
    expect(parse).toThrow(/Items\.0\.Name/);
  });
});
