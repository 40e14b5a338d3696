// The sign-in form for a server run with an access token: the token stays in this tab (session storage) and goes out as a bearer token.
import { h } from '../dom.ts';

export function loginView(problem: string | null, onToken: (token: string) => void): HTMLElement {
  const input = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'current-password', required: true });
  return h(
    'form',
    {
      class: 'login',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const value = input.value.trim();
        if (value) onToken(value);
      },
    },
    h('h2', null, 'Sign in'),
    problem ? h('p', { class: 'error', role: 'alert' }, problem) : null,
    h('p', null, 'This poolwatch needs an access token (the bearer token its API and metrics use). The page keeps it in this tab only, until the tab is closed.'),
    h('label', { for: 'token' }, 'Access token'),
    ' ',
    input,
    ' ',
    h('button', { type: 'submit' }, 'Sign in'),
  );
}
