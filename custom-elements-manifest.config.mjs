// `npm run manifest` (cem analyze) reads this file. The training settings are declared from the
// schema table (src/protocol/config-schema.ts) at run time, so the analyzer cannot see them in
// the element's source: the plugin below writes each one's attribute and property into the
// manifest from the same table (name, type, limits, default), and the README's tables follow.
// The table's page rows (PAGE_FIELDS: views, controls, no-captions; shaping the page, never sent
// to the worker) are documented the same way, after the training settings.
import { tsImport } from 'tsx/esm/api';

const schema = await tsImport('./src/protocol/config-schema.ts', import.meta.url);

/** Adds the settings of CONFIG_FIELDS, then PAGE_FIELDS, to <backprop-lab>'s attributes and fields, first, in table order. */
function settingsFromSchema() {
  return {
    name: 'backprop-lab-settings-from-schema',
    packageLinkPhase({ customElementsManifest }) {
      const fields = [...schema.CONFIG_FIELDS, ...schema.PAGE_FIELDS];
      const keys = new Set(fields.map((f) => f.key));
      for (const module of customElementsManifest.modules) {
        for (const declaration of module.declarations ?? []) {
          if (declaration.tagName !== 'backprop-lab') continue;
          const docs = fields.map((f) => {
            const page = schema.isPageField(f);
            return {
              type: { text: page ? schema.pageTypeText(f) : schema.typeText(f) },
              default: JSON.stringify(f.default),
              description: page ? schema.pageFieldDoc(f) : schema.fieldDoc(f),
            };
          });
          declaration.attributes = [
            ...fields.map((f, k) => ({ name: f.attribute, fieldName: f.key, ...docs[k] })),
            ...(declaration.attributes ?? []).filter((a) => !keys.has(a.fieldName)),
          ];
          declaration.members = [
            ...fields.map((f, k) => ({ kind: 'field', name: f.key, attribute: f.attribute, ...docs[k] })),
            ...(declaration.members ?? []).filter((m) => !keys.has(m.name)),
          ];
        }
      }
    },
  };
}

export default {
  globs: ['src/components/*.ts'],
  exclude: ['src/components/*.styles.ts', 'src/components/*.test.ts'],
  litelement: true,
  plugins: [settingsFromSchema()],
};
