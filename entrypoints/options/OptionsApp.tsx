import { useState } from 'react';
import { useDatabase } from '../../lib/panel/use-database';
import { StatusView } from '../../components/StatusView';
import { t } from '../../lib/i18n';
import { BrandsSection } from './BrandsSection';
import { BrandPicker } from './BrandPicker';
import { StorageSection } from './StorageSection';
import { TemplatesSection } from './TemplatesSection';
import { KnowledgeSection } from './KnowledgeSection';
import { DataSection } from './DataSection';
import { AgentSection } from './AgentSection';

export function OptionsApp() {
  const state = useDatabase();
  const [brandId, setBrandId] = useState<string | null>(null);
  return (
    <div className="cs-options">
      <h1>Caseside</h1>
      <nav aria-label={t('options.sections')}>
        <a href="#you">{t('agent.title')}</a>
        <a href="#brands">{t('brands.title')}</a>
        <a href="#templates">{t('templates.title')}</a>
        <a href="#knowledge">{t('kb.title')}</a>
        <a href="#data">{t('data.title')}</a>
        <a href="#storage">{t('storage.title')}</a>
      </nav>
      {/* Who sits at this browser: kept in extension storage, shown even when the database is not. */}
      <AgentSection />
      {state.status === 'error' ? (
        <StatusView tone="error" title={t('panel.dbError')} detail={`${state.message} ${t('panel.dbErrorHint')}`} />
      ) : state.status === 'upgraded' ? (
        <StatusView title={t('panel.upgradeReload')}>
          <button onClick={() => location.reload()}>{t('panel.reload')}</button>
        </StatusView>
      ) : state.status === 'ready' ? (
        <>
          <BrandsSection db={state.db} />
          <BrandPicker db={state.db} value={brandId} onChange={setBrandId} />
          {/* Keyed by brand: nothing opened for one brand (a template's edit form, a new
              template's draft, a search) stays open, or is saved, once another is picked. */}
          {brandId ? (
            <>
              <TemplatesSection key={`templates:${brandId}`} db={state.db} brandId={brandId} />
              <KnowledgeSection key={`knowledge:${brandId}`} db={state.db} brandId={brandId} />
            </>
          ) : null}
          <DataSection db={state.db} brandId={brandId} />
          <StorageSection />
        </>
      ) : null}
    </div>
  );
}
