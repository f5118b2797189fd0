/**
 * Facebook / Messenger composer: a real Lexical editor (plain text) whose Enter SENDS, as in
 * Messenger. An insertion that produces Enter or a paragraph break is counted in `sends`.
 * Mount: data-aria-label ("Message", "Write a comment…"), data-send-label, data-name.
 */
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { PlainTextPlugin } from '@lexical/react/LexicalPlainTextPlugin';
import { $getRoot, COMMAND_PRIORITY_HIGH, INSERT_PARAGRAPH_COMMAND, KEY_ENTER_COMMAND, mergeRegister } from 'lexical';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { mountPoints, registerEditor, type EditorHandle } from './registry';

/** Enter without Shift (or any paragraph break) sends and clears, like Messenger. */
function SendOnEnterPlugin({ handle, onEmptyChange }: { handle: EditorHandle; onEmptyChange(empty: boolean): void }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    handle.getText = () => editor.getEditorState().read(() => $getRoot().getTextContent());
    const send = (): boolean => {
      handle.sends += 1;
      editor.update(() => $getRoot().clear());
      return true;
    };
    return mergeRegister(
      editor.registerCommand(
        KEY_ENTER_COMMAND,
        (event) => {
          if (event?.shiftKey) return false;
          event?.preventDefault();
          return send();
        },
        COMMAND_PRIORITY_HIGH,
      ),
      editor.registerCommand(INSERT_PARAGRAPH_COMMAND, send, COMMAND_PRIORITY_HIGH),
      editor.registerUpdateListener(({ editorState }) => {
        onEmptyChange(editorState.read(() => $getRoot().getTextContent()) === '');
      }),
    );
  }, [editor, handle, onEmptyChange]);
  return null;
}

function MessengerComposer({ ariaLabel, sendLabel, handle }: { ariaLabel: string; sendLabel: string; handle: EditorHandle }) {
  const [empty, setEmpty] = useState(true);
  return (
    <LexicalComposer
      initialConfig={{
        namespace: 'caseside-harness',
        onError: (error: Error) => {
          throw error;
        },
      }}
    >
      <div className="x1n2onr6 xh8yej3">
        <PlainTextPlugin
          contentEditable={<ContentEditable aria-label={ariaLabel} role="textbox" className="xzsf02u x1a2a7pz" />}
          placeholder={<div className="xi81zsa">Aa</div>}
          ErrorBoundary={LexicalErrorBoundary}
        />
        <HistoryPlugin />
        <SendOnEnterPlugin handle={handle} onEmptyChange={setEmpty} />
      </div>
      <div role="button" tabIndex={0} aria-label={sendLabel} aria-disabled={empty ? 'true' : 'false'}>
        ➤
      </div>
    </LexicalComposer>
  );
}

for (const { mount, name } of mountPoints('lexical')) {
  const handle: EditorHandle = { getText: () => '', sends: 0 };
  createRoot(mount).render(
    <MessengerComposer
      ariaLabel={mount.dataset.ariaLabel ?? 'Message'}
      sendLabel={mount.dataset.sendLabel ?? 'Press enter to send'}
      handle={handle}
    />,
  );
  registerEditor(name, handle);
}
