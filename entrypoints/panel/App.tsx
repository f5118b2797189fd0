import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import { useDatabase } from '../../lib/panel/use-database';
import { usePanelConnection, closePanel } from '../../lib/panel/connection';
import { usePanelStore, type Section } from '../../lib/store/panel-store';
import { t, type MessageKey } from '../../lib/i18n';
import type { NotRecognisedCode } from '../../lib/platforms/snapshot';

const NOT_RECOGNISED_KEYS: Record<NotRecognisedCode, MessageKey> = {
  'not-platform': 'notRecognised.not-platform',
  unsupported: 'notRecognised.unsupported',
  'logged-out': 'notRecognised.logged-out',
  'no-conversation': 'notRecognised.no-conversation',
  'not-rendered': 'notRecognised.not-rendered',
  failed: 'notRecognised.failed',
};
import { panelKeyAction } from '../../lib/panel/keys';
import { keyLabels } from '../../lib/content/shortcut';
import { StatusView } from '../../components/StatusView';
import { Tabs } from '../../components/Tabs';
import { NoticeBar } from './NoticeBar';
import { CustomerSection } from './CustomerSection';
import { HistorySection } from './HistorySection';
import { CaseSection } from './CaseSection';
import { SuggestSection } from './SuggestSection';
import { WorkSection } from './WorkSection';
import { TrackForm } from './TrackForm';
import { PromiseBanner } from './PromiseBanner';
import { SearchBox } from './SearchBox';
import { useCardCompact } from '../../lib/panel/card-compact';

export function App() {
  const dbState = useDatabase();
  usePanelConnection();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = panelKeyAction(e);
      if (action === 'leave-field') (e.target as HTMLElement).blur();
      if (action === 'close') {
        e.preventDefault();
        void closePanel();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  if (dbState.status === 'error')
    return (
      <Shell brandName={null}>
        <StatusView tone="error" title={t('panel.dbError')} detail={`${dbState.message} ${t('panel.dbErrorHint')}`} />
      </Shell>
    );
  if (dbState.status === 'upgraded')
    return (
      <Shell brandName={null}>
        <StatusView title={t('panel.upgradeReload')}>
          <button onClick={() => location.reload()}>{t('panel.reload')}</button>
        </StatusView>
      </Shell>
    );
  if (dbState.status === 'opening') return <Shell brandName={null}>{null}</Shell>;
  return <Ready db={dbState.db} />;
}

function Ready({ db }: { db: CasesideDb }) {
  const tab = usePanelStore((s) => s.tab);
  const section = usePanelStore((s) => s.section);
  const setSection = usePanelStore((s) => s.setSection);
  const brandId = tab?.brandId ?? null;
  const brandRead = useLiveQuery(async () => (brandId ? { brandId, brand: (await db.brands.get(brandId)) ?? null } : null), [db, brandId]);
  // The header names the tab's brand only: after a switch the live query still holds the previous
  // brand until the new one is read, and meanwhile the header shows no name (not the old one).
  const brandName = !brandId ? null : brandRead?.brandId !== brandId ? '' : (brandRead.brand?.name ?? null);
  // Read here, once per panel: a read per conversation opened would re-render the card each time.
  const cardCompact = useCardCompact();

  const result = tab?.result;
  // Between conversations (the home timeline, an inbox, a thread not recorded) the brand's work
  // is still one glance away: its Work list, under whatever the page is.
  const workList = tab?.brandId ? (
    <section className="cs-away-work" aria-labelledby="away-work-title">
      <h2 id="away-work-title" className="cs-subtitle">{t('work.title')}</h2>
      <WorkSection key={tab.brandId} db={db} brandId={tab.brandId} />
    </section>
  ) : null;
  let body: React.ReactNode;
  if (!tab || !result) {
    body = <StatusView title={t('panel.noConversation')} detail={t('panel.noConversationHint')} />;
  } else if (!result.ok) {
    // Why, in the interface language; the adapter's own reason (English) is kept for bug reports.
    body = (
      <StatusView title={t('panel.noConversation')} detail={`${t(NOT_RECOGNISED_KEYS[result.code])} ${t('panel.noConversationHint')}`}>
        <details className="cs-muted">
          <summary>{t('panel.technicalDetail')}</summary>
          <p data-testid="not-recognised-detail">{result.reason}</p>
        </details>
      </StatusView>
    );
    body = (
      <>
        {body}
        {workList}
      </>
    );
  } else if (result.snapshot.state === 'locked') {
    body = <StatusView title={t('panel.locked')} detail={t('panel.lockedHint')} />;
  } else if (!tab.conversationId || !tab.customerId || !tab.brandId) {
    body = (
      <>
        {result.snapshot.state === 'empty' ? <StatusView title={t('panel.emptyConversation')} /> : null}
        {tab.storageError ? <StatusView tone="error" title={tab.storageError} /> : null}
        {tab.notRecordedReason ? <TrackForm db={db} reason={tab.notRecordedReason} snapshot={result.snapshot} accountBrandId={tab.brandId} /> : null}
        {workList}
      </>
    );
  } else {
    const ctx = { db, brandId: tab.brandId, customerId: tab.customerId, conversationId: tab.conversationId, snapshot: result.snapshot };
    const conversationKey = JSON.stringify([tab.brandId, tab.customerId, tab.conversationId]);
    const items: { key: Section; label: string }[] = [
      { key: 'history', label: t('tabs.history') },
      { key: 'case', label: t('tabs.case') },
      { key: 'suggest', label: t('tabs.suggest') },
      { key: 'work', label: t('work.title') },
    ];
    body = (
      <>
        {tab.storageError ? <StatusView tone="error" title={tab.storageError} /> : null}
        {/* Keyed by brand, customer and conversation: nothing of the previous one stays on screen. */}
        <CustomerSection key={`card:${conversationKey}`} {...ctx} compact={cardCompact} />
        <PromiseBanner key={`promises:${conversationKey}`} {...ctx} reopenOffer={tab.reopenOffer} />
        <Tabs label="Caseside" items={items} active={section} onSelect={setSection} />
        {/* Keyed by brand: nothing a section holds (suggestions, an engine, a draft) outlives a brand switch. */}
        <div key={tab.brandId} role="tabpanel" id={`tabpanel-${section}`} aria-labelledby={`tab-${section}`} className="cs-tabpanel">
          {section === 'history' ? <HistorySection {...ctx} /> : null}
          {section === 'case' ? <CaseSection {...ctx} /> : null}
          {section === 'suggest' ? <SuggestSection {...ctx} /> : null}
          {section === 'work' ? <WorkSection db={db} brandId={tab.brandId} /> : null}
        </div>
      </>
    );
  }
  return (
    <Shell brandName={brandName}>
      {tab?.brandId ? <SearchBox key={tab.brandId} db={db} brandId={tab.brandId} /> : null}
      {body}
    </Shell>
  );
}

function Shell({ brandName, children }: { brandName: string | null; children: React.ReactNode }) {
  return (
    <div className="cs-shell">
      <header className="cs-header">
        <span className="cs-logo" aria-hidden="true">◧</span>
        <h1 className="cs-brand" data-testid="active-brand">{brandName ?? t('panel.noBrand')}</h1>
        <button className="cs-icon-button" aria-label={t('panel.close')} title={`${t('panel.close')} (${keyLabels().toggle})`} onClick={() => void closePanel()}>
          ×
        </button>
      </header>
      <main className="cs-main">{children}</main>
      <NoticeBar />
    </div>
  );
}
