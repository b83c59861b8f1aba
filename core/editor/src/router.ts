/**
 * The editor's routes. The canvas view is loaded on demand (Vue Flow and dagre stay out of the
 * initial bundle). Every route but sign-in needs a session.
 */
import { createRouter, createWebHistory, type Router } from 'vue-router';
import { useSessionStore } from './stores/session.ts';
import WorkflowsView from './views/WorkflowsView.vue';
import SignInView from './views/SignInView.vue';

export function createEditorRouter(): Router {
  const router = createRouter({
    history: createWebHistory(),
    routes: [
      { path: '/', redirect: '/workflows' },
      { path: '/sign-in', name: 'sign-in', component: SignInView, meta: { public: true, title: 'Sign in' } },
      { path: '/workflows', name: 'workflows', component: WorkflowsView, meta: { title: 'Workflows' } },
      {
        path: '/editor/new',
        name: 'new-workflow',
        component: () => import('./views/NewWorkflowView.vue'),
        meta: { title: 'New workflow' },
      },
      {
        path: '/editor/:id',
        name: 'editor',
        component: () => import('./views/EditorView.vue'),
        props: true,
        meta: { title: 'Editor' },
      },
      { path: '/runs', name: 'runs', component: () => import('./views/RunsView.vue'), meta: { title: 'Runs' } },
      {
        path: '/runs/:id',
        name: 'run',
        component: () => import('./views/RunView.vue'),
        props: true,
        meta: { title: 'Run' },
      },
      {
        path: '/connections',
        name: 'connections',
        component: () => import('./views/ConnectionsView.vue'),
        meta: { title: 'Connections' },
      },
      {
        path: '/marketplace',
        name: 'marketplace',
        component: () => import('./views/MarketplaceView.vue'),
        meta: { title: 'Marketplace' },
      },
      { path: '/:rest(.*)*', redirect: '/workflows' },
    ],
  });
  let checked = false;
  router.beforeEach(async (to) => {
    if (to.meta.public) return true;
    const session = useSessionStore();
    if (!session.signedIn && !checked) {
      checked = true;
      await session.check();
    }
    if (!session.signedIn) return { name: 'sign-in', query: { next: to.fullPath } };
    return true;
  });
  router.afterEach((to) => {
    document.title = `${String(to.meta.title ?? 'Wireup')} · Wireup`;
  });
  return router;
}
