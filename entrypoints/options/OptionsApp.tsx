import { useDatabase } from '../../lib/panel/use-database';
import { StatusView } from '../../components/StatusView';
import { t } from '../../lib/i18n';
import { BrandsSection } from './BrandsSection';
import { StorageSection } from './StorageSection';
import { TemplatesSection } from './TemplatesSection';
import { KnowledgeSection } from './KnowledgeSection';
import { DataSection } from './DataSection';

export function OptionsApp() {
  const state = useDatabase();
  return (
    <div className="cs-options">
      <h1>Caseside</h1>
      <nav aria-label="Sections">
        <a href="#brands">Brands</a>
        <a href="#templates">Templates</a>
        <a href="#knowledge">Knowledge base</a>
        <a href="#data">Your data</a>
        <a href="#storage">Storage</a>
      </nav>
      {state.status === 'error' ? (
        <StatusView tone="error" title={t('panel.dbError')} detail={`${state.message} ${t('panel.dbErrorHint')}`} />
      ) : state.status === 'upgraded' ? (
        <StatusView title={t('panel.upgradeReload')}>
          <button onClick={() => location.reload()}>{t('panel.reload')}</button>
        </StatusView>
      ) : state.status === 'ready' ? (
        <>
          <BrandsSection db={state.db} />
          <TemplatesSection db={state.db} />
          <KnowledgeSection db={state.db} />
          <DataSection db={state.db} />
          <StorageSection />
        </>
      ) : null}
    </div>
  );
}
