import type { Lang, ModelId } from './schemas';

/**
 * A programme model as finance staff name it (DECISIONS.md): "2012-modellen" for the first, "modellen fra 2025"
 * for the one in force since; never the id ("model-2025") in a message.
 */
export function modelName(id: ModelId, lang: Lang): string {
  // String(): a message never throws, even where a caller left the model out.
  const year = String(id).replace(/^model-/, '');
  if (lang === 'en') return `the ${year} model`;
  return id === 'model-2012' ? `${year}-modellen` : `modellen fra ${year}`;
}
