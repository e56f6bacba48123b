import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '@/app/App';
import { initI18n } from '@/lib/i18n';
import '@/app/theme.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

initI18n().then(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
