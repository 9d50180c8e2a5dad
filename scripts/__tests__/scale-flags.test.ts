import { parseScaleFlags, ScaleFlagsError } from '../bench/scale-flags';

const refusal = (args: string[]) => {
  try {
    parseScaleFlags(args);
  } catch (error) {
    if (error instanceof ScaleFlagsError) return error.message;
    throw error;
  }
  throw new Error(`accepted ${args.join(' ')}`);
};

describe('bench:scale flags', () => {
  it('defaults to 1,000 sites, 8 writes in flight, 200 samples and 200 warmed sites', () => {
    expect(parseScaleFlags([])).toEqual({ sites: 1000, concurrency: 8, samples: 200, warm: 200 });
  });

  it('reads each flag as a whole number', () => {
    expect(parseScaleFlags(['--sites', '50', '--concurrency=4', '--samples', '30', '--warm', '10'])).toEqual({ sites: 50, concurrency: 4, samples: 30, warm: 10 });
  });

  it('keeps --sites from 1 to 5000', () => {
    expect(parseScaleFlags(['--sites', '5000']).sites).toBe(5000);
    expect(parseScaleFlags(['--sites', '1']).sites).toBe(1);
    expect(refusal(['--sites', '5001'])).toBe('--sites "5001" must be a whole number from 1 to 5000');
    expect(refusal(['--sites', '0'])).toBe('--sites "0" must be a whole number from 1 to 5000');
  });

  it('refuses what is not a plain whole number, naming the flag', () => {
    for (const raw of ['1e3', '12.5', '-3', ' 7', '0x10', '']) expect(refusal([`--concurrency=${raw}`])).toBe(`--concurrency "${raw}" must be a whole number from 1 to 64`);
  });

  it('refuses unknown flags, stray arguments and a flag without its value', () => {
    expect(refusal(['--site', '5'])).toMatch(/Unknown option '--site'/);
    expect(refusal(['1000'])).toMatch(/Unexpected argument '1000'/);
    expect(refusal(['--sites'])).toMatch(/--sites/);
  });

  it('names every bad flag at once', () => {
    expect(refusal(['--sites', 'many', '--warm', '5'])).toBe('--sites "many" must be a whole number from 1 to 5000; --warm "5" must be a whole number from 10 to 2000');
  });
});
