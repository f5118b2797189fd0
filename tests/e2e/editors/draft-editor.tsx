/**
 * X's reply / legacy DM composer: a real Draft.js editor with X's hooks (platform-dom.md,
 * "Reply composer"). Mount: data-testid (tweetTextarea_0, dmComposerTextInput),
 * data-send-testid (tweetButtonInline, dmComposerSendButton), data-name.
 */
import { Editor, EditorState } from 'draft-js';
import { useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { mountPoints, registerEditor, type EditorHandle } from './registry';

function XDraftComposer({ testId, sendTestId, handle }: { testId: string; sendTestId: string; handle: EditorHandle }) {
  const [editorState, setEditorState] = useState(() => EditorState.createEmpty());
  const latest = useRef(editorState);
  latest.current = editorState;
  handle.getText = () => latest.current.getCurrentContent().getPlainText('\n');
  const empty = !editorState.getCurrentContent().hasText();
  return (
    <div className="css-175oi2r r-1iusvr4">
      <div data-testid={`${testId}RichTextInputContainer`} className="css-175oi2r r-18u37iz">
        <Editor
          editorState={editorState}
          onChange={setEditorState}
          placeholder="Post your reply"
          webDriverTestID={testId}
          role="textbox"
          ariaMultiline
          ariaLabel="Post text"
          spellCheck
        />
      </div>
      <button
        type="button"
        data-testid={sendTestId}
        aria-disabled={empty ? 'true' : 'false'}
        onClick={() => {
          if (!empty) handle.sends += 1;
        }}
      >
        Reply
      </button>
    </div>
  );
}

for (const { mount, name } of mountPoints('draft')) {
  const handle: EditorHandle = { getText: () => '', sends: 0 };
  const testId = mount.getAttribute('data-testid') ?? 'tweetTextarea_0';
  // Only the editor may carry the test id: selectors like [data-testid^="tweetTextarea_"] must
  // not match the mount point.
  mount.removeAttribute('data-testid');
  createRoot(mount).render(
    <XDraftComposer testId={testId} sendTestId={mount.dataset.sendTestid ?? 'tweetButtonInline'} handle={handle} />,
  );
  registerEditor(name, handle);
}
