import { define } from './define.js';
import { FcKnowledgeEditor } from './knowledge-editor.component.js';

export { FcKnowledgeEditor };

define('fc-knowledge-editor', FcKnowledgeEditor);

declare global {
  interface HTMLElementTagNameMap {
    'fc-knowledge-editor': FcKnowledgeEditor;
  }
}
