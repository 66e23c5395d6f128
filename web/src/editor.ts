// The editor's token, shared by the views that review (Documents, Review, Duplicates): asked once per
// tab and kept in sessionStorage, sent with every call.
const TOKEN_KEY = 'urbangraph-editor-token';

export function editorToken(): string {
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

// tokenForm binds a view's token form: it shows the token held, and keeps the one entered.
export function tokenForm(form: HTMLFormElement, input: HTMLInputElement, use: () => void): void {
  input.value = editorToken();
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, input.value.trim());
    use();
  });
}
