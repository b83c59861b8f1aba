/**
 * CodeMirror 6 for template fields, imported on first use (its own chunk): the editor with
 * `{{…}}` marked, line wrapping, undo/redo, a placeholder, and fields dropped where they land.
 */

export interface TemplateEditorView {
  insert(template: string): void;
  setText(text: string): void;
  focus(): void;
  /** Whether the user is in it (their typing is not replaced by the value echoed back). */
  hasFocus(): boolean;
  destroy(): void;
}

export interface TemplateEditorOptions {
  parent: HTMLElement;
  doc: string;
  selection: { anchor: number; head: number };
  attributes: Record<string, string>;
  placeholder?: string;
  onChange(text: string): void;
  onFocus(): void;
  /** The template a drag carries, or ''. */
  templateOf(event: DragEvent): string;
}

/** Loads CodeMirror (once) and answers a function that makes a template editor. */
export async function loadTemplateEditor(): Promise<(options: TemplateEditorOptions) => TemplateEditorView> {
  const [
    { EditorView, Decoration, MatchDecorator, ViewPlugin, keymap, placeholder },
    { EditorState, EditorSelection },
    { defaultKeymap, history, historyKeymap },
  ] = await Promise.all([import('@codemirror/view'), import('@codemirror/state'), import('@codemirror/commands')]);
  const templates = new MatchDecorator({
    regexp: /\{\{[^{}]*\}\}/g,
    decoration: Decoration.mark({ class: 'cm-template' }),
  });
  const marks = ViewPlugin.define(
    (view) => ({
      decorations: templates.createDeco(view),
      update(update) {
        this.decorations = templates.updateDeco(update, this.decorations);
      },
    }),
    { decorations: (plugin) => plugin.decorations },
  );

  return (options) => {
    const length = options.doc.length;
    const clamp = (n: number) => Math.max(0, Math.min(n, length));
    const view = new EditorView({
      parent: options.parent,
      state: EditorState.create({
        doc: options.doc,
        selection: EditorSelection.single(clamp(options.selection.anchor), clamp(options.selection.head)),
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          marks,
          ...(options.placeholder ? [placeholder(options.placeholder)] : []),
          EditorView.contentAttributes.of(options.attributes),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) options.onChange(update.state.doc.toString());
            if (update.focusChanged && update.view.hasFocus) options.onFocus();
          }),
          EditorView.domEventHandlers({
            drop(event, v) {
              const template = options.templateOf(event);
              if (!template.startsWith('{{')) return false;
              event.preventDefault();
              const at = v.posAtCoords({ x: event.clientX, y: event.clientY }) ?? v.state.selection.main.head;
              v.dispatch({ changes: { from: at, insert: template }, selection: { anchor: at + template.length } });
              v.focus();
              options.onFocus();
              return true;
            },
          }),
        ],
      }),
    });
    return {
      insert(template) {
        const { from, to } = view.state.selection.main;
        view.dispatch({ changes: { from, to, insert: template }, selection: { anchor: from + template.length } });
        view.focus();
      },
      setText(text) {
        const current = view.state.doc.toString();
        if (text !== current) view.dispatch({ changes: { from: 0, to: current.length, insert: text } });
      },
      focus: () => view.focus(),
      hasFocus: () => view.hasFocus,
      destroy: () => view.destroy(),
    };
  };
}
