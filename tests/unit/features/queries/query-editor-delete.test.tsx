// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import { setupMockApi } from '../../../helpers/mock-api';
import { NOW, renderEditor } from './render-editor';

const api = setupMockApi({ now: NOW });

describe('QueryEditor: deleting the query', () => {
  it("asks in the app's dialog first: Cancel keeps it, Delete removes it and says so", async () => {
    const confirm = vi.spyOn(window, 'confirm');
    const { user, query, onDeleted } = renderEditor(api);
    await user.click(screen.getByRole('button', { name: 'Delete query' }));
    let dialog = await screen.findByRole('dialog', { name: 'Delete query Query1?' });
    expect(dialog).toHaveTextContent('This cannot be undone.');
    // Destructive: the focus starts on the way out.
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(api.calls('DELETE', `/api/queries/${query.id}`)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Delete query' }));
    dialog = await screen.findByRole('dialog', { name: 'Delete query Query1?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(onDeleted).toHaveBeenCalledTimes(1));
    expect(api.calls('DELETE', `/api/queries/${query.id}`)).toHaveLength(1);
    expect(api.state.queries.find((q) => q.id === query.id)).toBeUndefined();
    expect(confirm).not.toHaveBeenCalled();
  });
});
