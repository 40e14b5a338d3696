// The services of test/fixtures/announcement that the explain goldens cover, with what each shows.
export const EXPLAIN_FIXTURE = 'test/fixtures/announcement';

export const EXPLAINED: Record<string, string> = {
  'shop/queue': 'pending',
  'shop/web': 'announced in layer 2',
  'shop/api': 'announced over BGP with a peer down',
  'shop/dark': 'not announced',
};
