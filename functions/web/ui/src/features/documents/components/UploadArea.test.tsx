import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { englishForTests, renderWith } from '../testing';
import { UploadArea } from './UploadArea';

// The API client keeps the fetch it was made with: replace it before any module loads.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn(async () => new Response('{}', { status: 500 }));
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

beforeAll(englishForTests);
beforeEach(() => fetchMock.mockClear());

function chooser(): HTMLInputElement {
  const input = document.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no file input');
  return input;
}

describe('UploadArea', () => {
  it('offers a keyboard-usable "Choose file" button beside the drop zone', async () => {
    render(renderWith(<UploadArea />));
    const button = screen.getByRole('button', { name: 'Choose file' });
    await userEvent.tab();
    expect(button).toHaveFocus();
    expect(chooser().accept).toContain('application/pdf');
  });

  it('refuses a file of the wrong type with a message, before asking the API', async () => {
    render(renderWith(<UploadArea />));
    await userEvent.upload(chooser(), new File(['hello'], 'notes.txt', { type: 'text/plain' }), { applyAccept: false });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'notes.txt cannot be uploaded: only PDF, PNG, JPEG and TIFF files are accepted.',
    );
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refuses a file above 25 MiB and an empty one', async () => {
    render(renderWith(<UploadArea />));
    const large = new File(['%PDF'], 'big.pdf', { type: 'application/pdf' });
    Object.defineProperty(large, 'size', { value: 25 * 1024 * 1024 + 1 });
    await userEvent.upload(chooser(), large);
    expect(await screen.findByRole('alert')).toHaveTextContent('big.pdf cannot be uploaded: it is larger than 25 MiB.');
    await userEvent.upload(chooser(), new File([], 'blank.png', { type: 'image/png' }));
    expect(await screen.findByText('blank.png cannot be uploaded: the file is empty.')).toBeInTheDocument();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('refuses two files dropped at once', async () => {
    render(renderWith(<UploadArea />));
    const files = [new File(['a'], 'a.pdf', { type: 'application/pdf' }), new File(['b'], 'b.pdf', { type: 'application/pdf' })];
    fireEvent.drop(chooser().parentElement!, { dataTransfer: { files, items: files.map((f) => ({ kind: 'file', type: f.type, getAsFile: () => f })), types: ['Files'] } });
    expect(await screen.findByRole('alert')).toHaveTextContent('Upload one file at a time.');
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
