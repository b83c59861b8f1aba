/** The browser's session: whether it is signed in, and the CSRF token the API layer sends. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { api } from '../api/api.ts';
import { setCsrfToken } from '../api/http.ts';

export const useSessionStore = defineStore('session', () => {
  const signedIn = ref(false);
  const expiresAt = ref<string | null>(null);
  /** Set when the API said the session is gone, so the sign-in page can say why. */
  const expired = ref(false);

  const accept = (info: { csrfToken: string; expiresAt: string }) => {
    setCsrfToken(info.csrfToken);
    expiresAt.value = info.expiresAt;
    signedIn.value = true;
    expired.value = false;
  };

  /** Asks the server whether the cookie is a live session; true when signed in. */
  async function check(): Promise<boolean> {
    try {
      accept(await api.session());
      return true;
    } catch {
      signedIn.value = false;
      return false;
    }
  }

  async function signInWithToken(token: string): Promise<void> {
    accept(await api.signInWithToken(token));
  }

  async function signOut(): Promise<void> {
    await api.signOut().catch(() => undefined);
    setCsrfToken(null);
    signedIn.value = false;
  }

  function lost(): void {
    if (signedIn.value) expired.value = true;
    signedIn.value = false;
    setCsrfToken(null);
  }

  return { signedIn, expiresAt, expired, check, signInWithToken, signOut, lost };
});
