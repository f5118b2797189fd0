/**
 * X chat composer: a React-controlled textarea whose value lives in React state; the send
 * button exists only while there is text (platform-dom.md, "Chat").
 */
import { useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { mountPoints, registerEditor, type EditorHandle } from './registry';

function XChatComposer({ handle }: { handle: EditorHandle }) {
  const [value, setValue] = useState('');
  const latest = useRef(value);
  latest.current = value;
  handle.getText = () => latest.current;
  return (
    <form data-testid="dm-composer-form" onSubmit={(event) => event.preventDefault()}>
      <textarea
        data-testid="dm-composer-textarea"
        placeholder="Message"
        value={value}
        onChange={(event) => setValue(event.target.value)}
      />
      {value !== '' && (
        <button type="button" data-testid="dm-composer-send-button" onClick={() => (handle.sends += 1)}>
          Send
        </button>
      )}
    </form>
  );
}

for (const { mount, name } of mountPoints('textarea')) {
  const handle: EditorHandle = { getText: () => '', sends: 0 };
  createRoot(mount).render(<XChatComposer handle={handle} />);
  registerEditor(name, handle);
}
