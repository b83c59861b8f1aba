/** The editor's entry: Pinia, the router, and the sign-in guard. */
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createEditorRouter } from './router.ts';
import { onSessionLost } from './api/http.ts';
import { useSessionStore } from './stores/session.ts';
import './styles.css';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
const router = createEditorRouter();
app.use(router);
onSessionLost(() => {
  useSessionStore(pinia).lost();
  const here = router.currentRoute.value;
  if (here.name !== 'sign-in') void router.push({ name: 'sign-in', query: { next: here.fullPath, expired: '1' } });
});
app.mount('#app');
