import { define } from './define.js';
import { FcThesaurusEditor } from './thesaurus-editor.component.js';

export { FcThesaurusEditor };

define('fc-thesaurus-editor', FcThesaurusEditor);

declare global {
  interface HTMLElementTagNameMap {
    'fc-thesaurus-editor': FcThesaurusEditor;
  }
}
