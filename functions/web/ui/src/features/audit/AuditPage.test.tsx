import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { AuditPage } from './AuditPage';

// The API as the page sees it: `api.GET(path, {params})`, recorded; answers per path.
const calls: { path: string; query?: Record<string, unknown> }[] = [];
const answers: Record<string, (query?: Record<string, unknown>) => unknown> = {};

vi.mock('@/lib/api', () => ({
  api: {
    GET: async (path: string, init?: { params?: { query?: Record<string, unknown> } }) => {
      calls.push({ path, query: init?.params?.query });
      const answer = answers[path];
      if (!answer) return { error: { title: 'no such route' }, response: new Response(null, { status: 404 }) };
      return { data: answer(init?.params?.query), response: new Response(null, { status: 200 }) };
    },
  },
  unwrap: (result: { data?: unknown; error?: unknown; response: Response }) => {
    if (!result.response.ok) throw new Error(String(result.response.status));
    return result.data;
  },
}));
vi.mock('@/lib/session', () => ({ useSession: () => ({ idToken: 'token' }) }));

function record(seq: number, action = 'contract.update') {
  return {
    chain: 'data',
    seq,
    at: `2026-01-${String(seq).padStart(2, '0')}T10:00:00.000Z`,
    actor: 'sub-1',
    action,
    target: 'contract/c1',
    reason: seq === 3 ? 'Index raise' : null,
    requestId: `req-${seq}`,
    hash: 'a'.repeat(64),
    prevHash: 'b'.repeat(64),
    prevAt: '',
  };
}

function renderPage(roles: string[]) {
  answers['/me'] = () => ({ userId: 'sub-0', email: 'a@example.com', companyId: 'c', companyName: 'C', roles, locale: 'en', mfaEnrolled: false });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <AuditPage />
    </QueryClientProvider>,
  );
}

// `cimode`: every text is its catalogue key, so the test reads what the page asked to show.
beforeAll(async () => {
  await i18next.use(initReactI18next).init({ lng: 'cimode' });
});

beforeEach(() => {
  calls.length = 0;
  for (const key of Object.keys(answers)) delete answers[key];
});

describe('the audit log page', () => {
  it('loads the next page with the cursor and the same filters, keeping the records read', async () => {
    answers['/users'] = () => ({ items: [{ id: 'sub-1', email: null, erased: true }], nextCursor: null });
    answers['/audit'] = (query) =>
      query?.cursor === 'page-2'
        ? { items: [record(2), record(1)], nextCursor: null }
        : { items: [record(4), record(3)], nextCursor: 'page-2' };
    renderPage(['admin']);

    const table = await screen.findByRole('table', { name: 'chains.data.title' });
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    // An erased user (admins read the user list) is named so.
    expect(within(table).getAllByText('actor.erased')).toHaveLength(2);
    expect(within(table).getByText('Index raise')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'records.more' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(5));
    const seqs = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell')[0]?.textContent);
    expect(seqs).toEqual(['4', '3', '2', '1']);
    expect(screen.queryByRole('button', { name: 'records.more' })).not.toBeInTheDocument();
    expect(calls.filter((call) => call.path === '/audit').map((call) => call.query)).toEqual([
      { chain: 'data', limit: 100 },
      { chain: 'data', limit: 100, cursor: 'page-2' },
    ]);
  });

  it('asks for the filtered chain only when the filters are applied', async () => {
    answers['/audit'] = () => ({ items: [record(1, 'auth.login')], nextCursor: null });
    renderPage(['auditor']);
    await screen.findByRole('table', { name: 'chains.data.title' });
    // Auditors may not read the user list: no call, and the actor filter is by id.
    expect(calls.some((call) => call.path === '/users')).toBe(false);

    await userEvent.selectOptions(screen.getByLabelText('filters.chain'), 'security');
    await userEvent.selectOptions(screen.getByLabelText('filters.action'), 'auth.login');
    await userEvent.type(screen.getByLabelText('filters.actorId'), 'sub-9');
    expect(calls.filter((call) => call.path === '/audit')).toHaveLength(1);
    await userEvent.click(screen.getByRole('button', { name: 'filters.apply' }));
    await screen.findByRole('table', { name: 'chains.security.title' });
    expect(calls.filter((call) => call.path === '/audit').at(-1)?.query).toEqual({
      chain: 'security',
      limit: 100,
      action: 'auth.login',
      actor: 'sub-9',
    });
  });

  it('tells a role without the audit log that it may not read it, asking nothing else', async () => {
    renderPage(['editor']);
    await screen.findByText('notAllowed');
    expect(calls.map((call) => call.path)).toEqual(['/me']);
  });
});
