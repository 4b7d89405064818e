// @vitest-environment jsdom
import { render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { lazyPage } from '../../../src/app/lazy-pages';

// Pages load on first visit; one whose code was preloaded (a deep link's) renders at once.

function Greeting({ name }: { name: string }) {
  return <p>Hello {name}</p>;
}

const inSuspense = (ui: React.ReactNode) => <Suspense fallback={<p>Loading</p>}>{ui}</Suspense>;

it('shows the fallback while a page loads, then the page', async () => {
  const Page = lazyPage(
    () => Promise.resolve({ Greeting }),
    (m) => m.Greeting,
  );
  render(inSuspense(<Page name="Ada" />));
  expect(screen.getByText('Loading')).toBeInTheDocument();
  expect(await screen.findByText('Hello Ada')).toBeInTheDocument();
});

it('renders a preloaded page at once, without the fallback', async () => {
  const Page = lazyPage(
    () => Promise.resolve({ Greeting }),
    (m) => m.Greeting,
  );
  await Page.preload();
  render(inSuspense(<Page name="Ada" />));
  expect(screen.getByText('Hello Ada')).toBeInTheDocument();
  expect(screen.queryByText('Loading')).not.toBeInTheDocument();
});
