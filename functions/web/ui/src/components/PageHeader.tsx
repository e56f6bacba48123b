import type { ReactNode } from 'react';

/** The page's one `h1`, with the page's actions beside it. */
export function PageHeader({ title, actions }: { title: string; actions?: ReactNode }) {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {actions && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}
