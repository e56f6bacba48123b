import { api } from '@/lib/api';
import { fetchAllContracts, type ContractSummary } from './api';

afterEach(() => {
  vi.restoreAllMocks();
});

function page(ids: string[], nextCursor: string | null) {
  return {
    data: { items: ids.map((id) => ({ id }) as ContractSummary), nextCursor },
    error: undefined,
    response: new Response(null, { status: 200 }),
  } as never;
}

describe('fetchAllContracts', () => {
  it('follows nextCursor through every page of 200 with the same status filter', async () => {
    const get = vi
      .spyOn(api, 'GET')
      .mockResolvedValueOnce(page(['a', 'b'], 'cursor-1'))
      .mockResolvedValueOnce(page(['c'], 'cursor-2'))
      .mockResolvedValueOnce(page([], null));
    const contracts = await fetchAllContracts('archived');
    expect(contracts.map((contract) => contract.id)).toEqual(['a', 'b', 'c']);
    expect(get.mock.calls.map((call) => (call[1] as { params: { query: unknown } }).params.query)).toEqual([
      { status: 'archived', limit: 200, cursor: undefined },
      { status: 'archived', limit: 200, cursor: 'cursor-1' },
      { status: 'archived', limit: 200, cursor: 'cursor-2' },
    ]);
  });
});
