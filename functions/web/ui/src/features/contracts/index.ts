import type { RouteObject } from 'react-router';

export { ContractForm } from './LazyContractForm';
export type { ContractFormProps } from './components/ContractForm';
export type { ContractFormValues } from './formModel';
export { contractToFormValues } from './formModel';
export { useContract, type Contract } from './api';

// Every screen loads with its route: the feature's code is not in the entry chunk.
export const routes: RouteObject[] = [
  { path: 'contracts', lazy: async () => ({ Component: (await import('./pages/ContractsListPage')).ContractsListPage }) },
  { path: 'contracts/new', lazy: async () => ({ Component: (await import('./pages/ContractNewPage')).ContractNewPage }) },
  { path: 'contracts/:id', lazy: async () => ({ Component: (await import('./pages/ContractDetailPage')).ContractDetailPage }) },
  { path: 'contracts/:id/edit', lazy: async () => ({ Component: (await import('./pages/ContractEditPage')).ContractEditPage }) },
  { path: 'contracts/:id/schedule', lazy: async () => ({ Component: (await import('./pages/SchedulePage')).SchedulePage }) },
];
